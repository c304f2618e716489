using Ims.Sip.Syntax;
using Ims.Sip.Uris;

namespace Ims.Sip.Headers;

/// <summary>
/// A name-addr or addr-spec with header parameters (RFC 3261 20.10, 25.1): From, To, Contact,
/// Route, Record-Route, Path, Service-Route, P-Asserted-Identity, P-Associated-URI.
/// </summary>
public sealed record SipNameAddress(string? DisplayName, SipUri Uri, IReadOnlyList<SipParameter> Parameters, bool Bracketed)
{
    /// <summary>The tag parameter of From and To (RFC 3261 19.3).</summary>
    public string? Tag => Parameters.Get("tag");

    public override string ToString()
    {
        var text = Bracketed || DisplayName is not null ? $"<{Uri.Text}>" : Uri.Text;
        if (DisplayName is not null)
        {
            text = $"{DisplayName} {text}";
        }

        return Parameters.Count == 0 ? text : text + string.Concat(Parameters.Select(p => ";" + p));
    }

    /// <summary>Parses one name-addr or addr-spec with its parameters. Never throws.</summary>
    public static bool TryParse(string value, out SipNameAddress address, out string error)
    {
        ArgumentNullException.ThrowIfNull(value);
        address = null!;
        var i = SipText.SkipWhitespace(value, 0);
        string? display = null;
        string uriText;
        var bracketed = false;
        var angle = IndexOfTopLevelAngle(value, i);
        if (i < value.Length && value[i] == '"')
        {
            var end = SipText.EndOfQuotedString(value, i);
            if (end < 0)
            {
                error = "unterminated quoted display name";
                return false;
            }

            display = value[i..end];
            i = SipText.SkipWhitespace(value, end);
            if (i >= value.Length || value[i] != '<')
            {
                error = "display name not followed by <URI>";
                return false;
            }

            angle = i;
        }
        else if (angle > i)
        {
            // RFC 3261 25.1 display-name = *(token LWS); RFC 4475 3.1.1.6 allows no LWS before '<'.
            var tokens = value[i..angle].Trim();
            foreach (var word in tokens.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!SipChars.IsToken(word))
                {
                    error = $"display name '{tokens}' is neither a quoted string nor tokens";
                    return false;
                }
            }

            display = tokens.Length == 0 ? null : tokens;
        }

        if (angle >= 0 && angle >= i)
        {
            var close = value.IndexOf('>', angle);
            if (close < 0)
            {
                error = "missing '>'";
                return false;
            }

            uriText = value[(angle + 1)..close];
            i = close + 1;
            bracketed = true;
        }
        else
        {
            // addr-spec: the URI ends at the first ';' (what follows are header parameters), and may
            // carry no URI parameters, headers or commas without brackets (RFC 3261 20.10, RFC 4475 3.1.2.13).
            var end = i;
            while (end < value.Length && value[end] != ';' && !SipChars.IsWhitespace(value[end]))
            {
                end++;
            }

            uriText = value[i..end];
            if (uriText.Contains('?', StringComparison.Ordinal) || uriText.Contains(',', StringComparison.Ordinal))
            {
                error = "a URI with headers or commas must be enclosed in <>";
                return false;
            }

            i = end;
        }

        if (!SipUri.TryParse(uriText, out var uri, out error))
        {
            return false;
        }

        var parameters = SipParameters.Parse(value, ref i);
        if (parameters is null || i < value.Length)
        {
            error = "malformed header parameters";
            return false;
        }

        address = new SipNameAddress(display, uri, parameters, bracketed);
        return true;
    }

    private static int IndexOfTopLevelAngle(string value, int from)
    {
        for (var i = from; i < value.Length; i++)
        {
            if (value[i] == '"')
            {
                var end = SipText.EndOfQuotedString(value, i);
                if (end < 0)
                {
                    return -1;
                }

                i = end - 1;
            }
            else if (value[i] == '<')
            {
                return i;
            }
        }

        return -1;
    }
}
