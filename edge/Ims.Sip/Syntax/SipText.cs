using System.Text;

namespace Ims.Sip.Syntax;

/// <summary>Small lexical helpers of the RFC 3261 25.1 grammar over header value text.</summary>
public static class SipText
{
    public static int SkipWhitespace(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        while (index < text.Length && SipChars.IsWhitespace(text[index]))
        {
            index++;
        }

        return index;
    }

    /// <summary>The index just past the closing quote of the quoted-string opening at <paramref name="start"/>; -1 when unterminated.</summary>
    public static int EndOfQuotedString(string text, int start)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>Removes surrounding quotes and quoted-pair escapes (RFC 3261 25.1 quoted-string).</summary>
    public static string Unquote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        var inner = value.AsSpan(1, value.Length - 2);
        if (!inner.Contains('\\'))
        {
            return inner.ToString();
        }

        var builder = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            builder.Append(inner[i]);
        }

        return builder.ToString();
    }

    /// <summary>Quotes a value for a quoted-string, escaping quote and backslash.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>
    /// Splits a header value at top-level commas (RFC 3261 7.3.1), ignoring commas inside quoted
    /// strings and angle brackets. Null when quotes or brackets do not balance.
    /// </summary>
    public static List<string>? SplitList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var items = new List<string>();
        var start = 0;
        var inAngle = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"')
            {
                var end = EndOfQuotedString(value, i);
                if (end < 0)
                {
                    return null;
                }

                i = end - 1;
            }
            else if (c == '<')
            {
                if (inAngle)
                {
                    return null;
                }

                inAngle = true;
            }
            else if (c == '>')
            {
                if (!inAngle)
                {
                    return null;
                }

                inAngle = false;
            }
            else if (c == ',' && !inAngle)
            {
                items.Add(value[start..i].Trim());
                start = i + 1;
            }
        }

        if (inAngle)
        {
            return null;
        }

        items.Add(value[start..].Trim());
        return items;
    }

    /// <summary>Replaces folded line breaks (CRLF followed by whitespace) with one space (RFC 3261 7.3.1).</summary>
    public static string Unfold(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.IndexOfAny(['\r', '\n']) < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\r' or '\n')
            {
                while (i + 1 < value.Length && SipChars.IsWhitespace(value[i + 1]))
                {
                    i++;
                }

                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }

                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
