using System.Buffers;
using Ims.Sip.Parsing;

namespace Ims.Sip;

/// <summary>Where the first message of a stream buffer ends (RFC 3261 18.3), without consuming anything.</summary>
public readonly record struct SipStreamFrame(int Skip, int Length, SipParseError Error)
{
    /// <summary>Not enough bytes yet: read more and ask again with the same buffer plus the new bytes.</summary>
    public bool NeedsMore => Error == SipParseError.None && Length == 0;
}

/// <summary>
/// Frames SIP messages on a stream transport: keep-alive CRLFs (RFC 5626 4.4.1) are skipped, the
/// head is indexed, and Content-Length (mandatory on streams) says where the message ends. A head
/// that cannot be parsed, or a message past the size limit, is an error: the stream has lost framing.
/// </summary>
public static class SipStreamFraming
{
    public static SipStreamFrame Frame(ReadOnlySpan<byte> buffer, SipParserLimits? limits = null)
    {
        limits ??= SipParserLimits.Default;
        var skip = buffer.IndexOfAnyExcept((byte)'\r', (byte)'\n');
        if (skip < 0)
        {
            return new SipStreamFrame(buffer.Length, 0, SipParseError.None);
        }

        var data = buffer[skip..];
        var headers = ArrayPool<SipHeaderField>.Shared.Rent(limits.MaxHeaderCount);
        try
        {
            // The head parser refuses anything over the size limit, so give it at most that much.
            var window = data.Length > limits.MaxMessageSize ? data[..limits.MaxMessageSize] : data;
            var error = SipHeadParser.Parse(window, headers, limits, out var head);
            if (error == SipParseError.MissingHeaderTerminator)
            {
                return data.Length >= limits.MaxMessageSize
                    ? new SipStreamFrame(skip, 0, SipParseError.MessageTooLarge)
                    : new SipStreamFrame(skip, 0, SipParseError.None);
            }

            if (error != SipParseError.None)
            {
                return new SipStreamFrame(skip, 0, error);
            }

            if (!head.HasContentLength)
            {
                return new SipStreamFrame(skip, 0, SipParseError.MissingContentLength);
            }

            var total = (long)head.BodyStart + head.ContentLength;
            if (total > limits.MaxMessageSize)
            {
                return new SipStreamFrame(skip, 0, SipParseError.MessageTooLarge);
            }

            return total <= data.Length
                ? new SipStreamFrame(skip, (int)total, SipParseError.None)
                : new SipStreamFrame(skip, 0, SipParseError.None);
        }
        finally
        {
            ArrayPool<SipHeaderField>.Shared.Return(headers);
        }
    }
}
