namespace Ims.Sip.Syntax;

/// <summary>Lookups over a parameter list: names compare case-insensitively (RFC 3261 7.3.1, 19.1.4).</summary>
public static class SipParameters
{
    public static bool Has(this IReadOnlyList<SipParameter> parameters, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in parameters)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of the first parameter with this name, unquoted; null when absent or valueless.</summary>
    public static string? Get(this IReadOnlyList<SipParameter> parameters, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var p in parameters)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value is null ? null : SipText.Unquote(p.Value);
            }
        }

        return null;
    }

    /// <summary>
    /// Parses ";name[=value]" pairs from <paramref name="text"/> starting at <paramref name="index"/>,
    /// until the end or a character in <paramref name="stop"/> outside quotes. Null when a parameter is
    /// empty or malformed (RFC 4475 3.1.2.1: ";;" is a parse error).
    /// </summary>
    public static List<SipParameter>? Parse(string text, ref int index, string stop = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<SipParameter>();
        while (true)
        {
            index = SipText.SkipWhitespace(text, index);
            if (index >= text.Length || stop.Contains(text[index], StringComparison.Ordinal))
            {
                return result;
            }

            if (text[index] != ';')
            {
                return null;
            }

            index = SipText.SkipWhitespace(text, index + 1);
            var nameStart = index;
            while (index < text.Length && IsParameterChar(text[index]))
            {
                index++;
            }

            if (index == nameStart)
            {
                return null;
            }

            var name = text[nameStart..index];
            index = SipText.SkipWhitespace(text, index);
            string? value = null;
            if (index < text.Length && text[index] == '=')
            {
                index = SipText.SkipWhitespace(text, index + 1);
                var valueStart = index;
                if (index < text.Length && text[index] == '"')
                {
                    var end = SipText.EndOfQuotedString(text, index);
                    if (end < 0)
                    {
                        return null;
                    }

                    index = end;
                }
                else if (index < text.Length && text[index] == '[')
                {
                    // An IPv6 reference as a value (received=[2001:db8::9], RFC 5118 4.5).
                    var close = text.IndexOf(']', index);
                    if (close < 0)
                    {
                        return null;
                    }

                    index = close + 1;
                }
                else
                {
                    while (index < text.Length && IsParameterChar(text[index]))
                    {
                        index++;
                    }
                }

                if (index == valueStart)
                {
                    return null;
                }

                value = text[valueStart..index];
            }

            result.Add(new SipParameter(name, value));
        }
    }

    // token plus the URI-parameter characters RFC 3261 allows unescaped ([]/:&+$ and escapes).
    private static bool IsParameterChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "-.!%*_+`'~[]/:&$".Contains(c, StringComparison.Ordinal) || c > 0x7F;
}
