using System.Globalization;
using Ims.Sip.Syntax;

namespace Ims.Sip.Headers;

/// <summary>CSeq (RFC 3261 20.16): a sequence number below 2**31 and the method.</summary>
public sealed record SipCSeq(long Number, string Method)
{
    public override string ToString() => $"{Number.ToString(CultureInfo.InvariantCulture)} {Method}";

    public static bool TryParse(string value, out SipCSeq cseq)
    {
        ArgumentNullException.ThrowIfNull(value);
        cseq = null!;
        var parts = value.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        // RFC 3261 8.1.1.5: the number must be less than 2**31 (RFC 4475 3.1.2.4 sends 2**32 + 1).
        if (parts.Length != 2 || parts[0].Length > 10
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number >= 1L << 31 || !SipChars.IsToken(parts[1]))
        {
            return false;
        }

        cseq = new SipCSeq(number, parts[1]);
        return true;
    }
}
