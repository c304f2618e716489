using System.Runtime.CompilerServices;
using Ims.Sip.Syntax;

namespace Ims.Sip.Parsing;

/// <summary>
/// The hot path: tokenises the start line and indexes every header field (name and value offsets,
/// known kind) into a caller-provided span, without allocating. Typed values are parsed later, on
/// first use. Bad input gives a <see cref="SipParseError"/>; nothing throws.
/// </summary>
public static class SipHeadParser
{
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';
    private const byte Sp = (byte)' ';
    private const byte Ht = (byte)'\t';

    /// <summary>
    /// Parses the head (start line and header fields) of the message at the start of <paramref name="data"/>.
    /// Returns <see cref="SipParseError.MissingHeaderTerminator"/> when the data ends before the empty line
    /// that closes the headers (on a stream: read more).
    /// </summary>
    public static SipParseError Parse(ReadOnlySpan<byte> data, Span<SipHeaderField> headers, SipParserLimits limits, out SipMessageHead head)
    {
        ArgumentNullException.ThrowIfNull(limits);
        head = default;
        if (data.Length > limits.MaxMessageSize)
        {
            return SipParseError.MessageTooLarge;
        }

        // RFC 3261 7.5: CRLFs before the start line are ignored (stream keep-alives, stray bytes).
        var pos = data.IndexOfAnyExcept(Cr, Lf);
        if (pos < 0)
        {
            return SipParseError.Empty;
        }

        var error = ParseStartLine(data, pos, limits, out var startLine);
        if (error != SipParseError.None)
        {
            return error;
        }

        pos += startLine.Length;
        var count = 0;
        var contentLength = -1;
        var max = Math.Min(headers.Length, limits.MaxHeaderCount);
        while (true)
        {
            var rest = data[pos..];
            if (rest.IsEmpty)
            {
                return SipParseError.MissingHeaderTerminator;
            }

            if (rest[0] == Lf || rest[0] == Cr)
            {
                var end = EmptyLineLength(rest);
                if (end <= 0)
                {
                    return end == 0 ? SipParseError.MissingHeaderTerminator : SipParseError.MalformedHeader;
                }

                head = new SipMessageHead(startLine, count, pos + end, contentLength);
                return SipParseError.None;
            }

            var nameLength = rest.IndexOfAnyExcept(SipChars.TokenBytes);
            if (nameLength < 0)
            {
                return Incomplete(rest, limits);
            }

            if (nameLength == 0)
            {
                // A line starting with whitespace here continues nothing; anything else is not a name.
                return SipParseError.MalformedHeader;
            }

            var colon = nameLength;
            while (colon < rest.Length && (rest[colon] == Sp || rest[colon] == Ht))
            {
                colon++;
            }

            if (colon == rest.Length)
            {
                return Incomplete(rest, limits);
            }

            if (rest[colon] != (byte)':')
            {
                return SipParseError.MalformedHeader;
            }

            var lineEnd = FindLogicalLineEnd(rest, colon + 1);
            if (lineEnd < 0)
            {
                return Incomplete(rest, limits);
            }

            if (lineEnd > limits.MaxLineLength)
            {
                return SipParseError.LineTooLong;
            }

            var valueStart = colon + 1;
            var valueEnd = lineEnd;
            while (valueStart < valueEnd && IsLws(rest[valueStart]))
            {
                valueStart++;
            }

            while (valueEnd > valueStart && IsLws(rest[valueEnd - 1]))
            {
                valueEnd--;
            }

            if (count == max)
            {
                return SipParseError.TooManyHeaders;
            }

            var kind = SipHeaderNames.Classify(rest[..nameLength]);
            if (kind == SipHeaderKind.ContentLength)
            {
                var length = ParseContentLength(rest[valueStart..valueEnd]);
                if (length < 0)
                {
                    return SipParseError.InvalidContentLength;
                }

                // RFC 4475 3.3.9: two different Content-Length values make framing impossible.
                if (contentLength >= 0 && contentLength != length)
                {
                    return SipParseError.ConflictingContentLength;
                }

                contentLength = length;
            }

            headers[count++] = new SipHeaderField(kind, pos, nameLength, pos + valueStart, valueEnd - valueStart);
            pos += lineEnd + 1;
        }
    }

    private static SipParseError ParseStartLine(ReadOnlySpan<byte> data, int start, SipParserLimits limits, out SipStartLine line)
    {
        line = default;
        var rest = data[start..];
        var lf = rest.IndexOf(Lf);
        if (lf < 0)
        {
            return Incomplete(rest, limits);
        }

        if (lf > limits.MaxLineLength)
        {
            return SipParseError.LineTooLong;
        }

        var text = rest[..lf];
        if (!text.IsEmpty && text[^1] == Cr)
        {
            text = text[..^1];
        }

        return text.StartsWith("SIP/"u8)
            ? ParseStatusLine(text, start, lf + 1, out line)
            : ParseRequestLine(text, start, lf + 1, out line);
    }

    // RFC 3261 7.1: Request-Line = Method SP Request-URI SP SIP-Version CRLF, single spaces only.
    private static SipParseError ParseRequestLine(ReadOnlySpan<byte> text, int start, int length, out SipStartLine line)
    {
        line = default;
        var methodLength = text.IndexOfAnyExcept(SipChars.TokenBytes);
        if (methodLength <= 0 || text[methodLength] != Sp)
        {
            return methodLength == 0 || (methodLength > 0 && text[methodLength] != Sp && text[methodLength] != Ht)
                ? SipParseError.InvalidMethod
                : SipParseError.MalformedStartLine;
        }

        var uriStart = methodLength + 1;
        var uriLength = text[uriStart..].IndexOf(Sp);
        if (uriLength <= 0)
        {
            return SipParseError.MalformedStartLine;
        }

        var uri = text.Slice(uriStart, uriLength);
        if (uri.IndexOfAnyInRange((byte)0, (byte)0x20) >= 0 || uri.Contains((byte)0x7F))
        {
            return SipParseError.InvalidRequestUri;
        }

        var version = text[(uriStart + uriLength + 1)..];
        if (!version.SequenceEqual("SIP/2.0"u8))
        {
            if (IsVersionSyntax(version))
            {
                return SipParseError.UnsupportedVersion;
            }

            // RFC 4475 3.1.2.8: whitespace inside the Request-URI leaves "<rest-of-uri> SIP/2.0".
            return version.EndsWith(" SIP/2.0"u8) ? SipParseError.InvalidRequestUri : SipParseError.MalformedStartLine;
        }

        line = new SipStartLine(true, start, methodLength, start + uriStart, uriLength, 0, 0, 0, length);
        return SipParseError.None;
    }

    // RFC 3261 7.2: Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF.
    private static SipParseError ParseStatusLine(ReadOnlySpan<byte> text, int start, int length, out SipStartLine line)
    {
        line = default;
        var sp = text.IndexOf(Sp);
        var version = sp < 0 ? text : text[..sp];
        if (!version.SequenceEqual("SIP/2.0"u8))
        {
            return IsVersionSyntax(version) ? SipParseError.UnsupportedVersion : SipParseError.MalformedStartLine;
        }

        if (sp < 0)
        {
            return SipParseError.MalformedStartLine;
        }

        var rest = text[(sp + 1)..];
        var digits = rest.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        if (digits < 0)
        {
            digits = rest.Length;
        }

        // RFC 3261 25.1: Status-Code is exactly 3 digits, 100-699 (RFC 4475 3.1.2.19).
        if (digits != 3 || (digits < rest.Length && rest[digits] != Sp))
        {
            return SipParseError.InvalidStatusCode;
        }

        var code = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
        if (code is < 100 or > 699)
        {
            return SipParseError.InvalidStatusCode;
        }

        var reasonOffset = Math.Min(rest.Length, 4);
        var reasonStart = start + sp + 1 + reasonOffset;
        line = new SipStartLine(false, 0, 0, 0, 0, code, reasonStart, rest.Length - reasonOffset, length);
        return SipParseError.None;
    }

    private static bool IsVersionSyntax(ReadOnlySpan<byte> version)
    {
        if (!version.StartsWith("SIP/"u8))
        {
            return false;
        }

        var number = version[4..];
        var dot = number.IndexOf((byte)'.');
        return dot > 0 && dot < number.Length - 1
            && number[..dot].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
            && number[(dot + 1)..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
    }

    // Returns the offset of the LF that ends the header field starting before 'from', following
    // folded continuation lines (RFC 3261 7.3.1); -1 when the data ends before that is known.
    private static int FindLogicalLineEnd(ReadOnlySpan<byte> rest, int from)
    {
        while (true)
        {
            var lf = rest[from..].IndexOf(Lf);
            if (lf < 0)
            {
                return -1;
            }

            lf += from;
            if (lf + 1 >= rest.Length)
            {
                return -1;
            }

            var next = rest[lf + 1];
            if (next != Sp && next != Ht)
            {
                return lf;
            }

            from = lf + 1;
        }
    }

    // Length of the CRLF (or bare LF) that ends the header section; 0 when incomplete, -1 for a stray CR.
    private static int EmptyLineLength(ReadOnlySpan<byte> rest)
    {
        if (rest[0] == Lf)
        {
            return 1;
        }

        if (rest.Length < 2)
        {
            return 0;
        }

        return rest[1] == Lf ? 2 : -1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SipParseError Incomplete(ReadOnlySpan<byte> rest, SipParserLimits limits) =>
        rest.Length > limits.MaxLineLength ? SipParseError.LineTooLong : SipParseError.MissingHeaderTerminator;

    private static bool IsLws(byte b) => b is Sp or Ht or Cr or Lf;

    // RFC 3261 20.14: Content-Length = 1*DIGIT; anything else (sign, letters) is unusable for framing.
    private static int ParseContentLength(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            return -1;
        }

        var trimmed = value.TrimStart((byte)'0');
        if (trimmed.Length > 9)
        {
            return -1;
        }

        var result = 0;
        foreach (var b in trimmed)
        {
            result = (result * 10) + (b - '0');
        }

        return result;
    }
}
