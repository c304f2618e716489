using System.Text;

namespace Ims.Sip.Uris;

/// <summary>%-escaping of URI components (RFC 3261 25.1 escaped = "%" HEXDIG HEXDIG).</summary>
public static class SipEscaping
{
    public static bool IsWellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Decodes %XX escapes as UTF-8; %00 stays a NUL character (RFC 4475 3.1.1.4: do not truncate).</summary>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('%', StringComparison.Ordinal) || !IsWellFormed(text))
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
