using System.Buffers;
using System.Globalization;
using System.Text;
using Ims.Sip.Headers;
using Ims.Sip.Parsing;
using Ims.Sip.Syntax;
using Ims.Sip.Uris;

namespace Ims.Sip;

/// <summary>
/// A parsed SIP message (RFC 3261 7) over its own bytes: the start line and a header index are made
/// when it is parsed; header values become strings, and typed values are parsed, only when asked for
/// (and then cached). Use <see cref="Parse(ReadOnlyMemory{byte}, SipFramingMode, SipParserLimits?)"/>;
/// nothing here throws on bad input.
/// </summary>
public sealed partial class SipMessage
{
    private readonly SipHeaderField[] _headers;
    private readonly string?[] _values;
    private string? _method;
    private string? _requestUri;

    private SipMessage(ReadOnlyMemory<byte> bytes, SipMessageHead head, SipHeaderField[] headers, ReadOnlyMemory<byte> body)
    {
        Bytes = bytes;
        Head = head;
        _headers = headers;
        _values = new string?[headers.Length];
        Body = body;
    }

    /// <summary>The message bytes (start line, headers and body; trailing octets of a datagram excluded).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    public SipMessageHead Head { get; }

    public bool IsRequest => Head.StartLine.IsRequest;

    public string Method => IsRequest
        ? _method ??= Encoding.ASCII.GetString(Bytes.Span.Slice(Head.StartLine.MethodStart, Head.StartLine.MethodLength))
        : CSeq?.Method ?? string.Empty;

    public string RequestUriText => _requestUri ??= IsRequest
        ? Encoding.UTF8.GetString(Bytes.Span.Slice(Head.StartLine.RequestUriStart, Head.StartLine.RequestUriLength))
        : string.Empty;

    public int StatusCode => Head.StartLine.StatusCode;

    public string ReasonPhrase => IsRequest ? string.Empty : Encoding.UTF8.GetString(Bytes.Span.Slice(Head.StartLine.ReasonStart, Head.StartLine.ReasonLength));

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The header index in message order.</summary>
    public IReadOnlyList<SipHeaderField> HeaderFields => _headers;

    public int HeaderCount => _headers.Length;

    /// <summary>Parses one message. A datagram may carry octets past Content-Length (ignored, RFC 3261 18.3).</summary>
    public static SipParseResult Parse(ReadOnlyMemory<byte> data, SipFramingMode mode = SipFramingMode.Datagram, SipParserLimits? limits = null)
    {
        limits ??= SipParserLimits.Default;
        var rented = ArrayPool<SipHeaderField>.Shared.Rent(limits.MaxHeaderCount);
        try
        {
            var error = SipHeadParser.Parse(data.Span, rented, limits, out var head);
            if (error != SipParseError.None)
            {
                return new SipParseResult(null, error, null);
            }

            var bodyStart = head.BodyStart;
            var available = data.Length - bodyStart;
            int bodyLength;
            if (head.HasContentLength)
            {
                // RFC 3261 18.3: a Content-Length beyond the datagram (or the framed stream message) is an error.
                if (head.ContentLength > available)
                {
                    return new SipParseResult(null, SipParseError.ContentLengthExceedsMessage, $"Content-Length {head.ContentLength}, {available} octets of body");
                }

                bodyLength = head.ContentLength;
            }
            else if (mode == SipFramingMode.Stream)
            {
                return new SipParseResult(null, SipParseError.MissingContentLength, null);
            }
            else
            {
                bodyLength = available;
            }

            var headers = rented.AsSpan(0, head.HeaderCount).ToArray();
            var message = new SipMessage(data[..(bodyStart + bodyLength)], head, headers, data.Slice(bodyStart, bodyLength));
            var (validation, detail) = message.Validate();
            return new SipParseResult(message, validation, detail);
        }
        finally
        {
            ArrayPool<SipHeaderField>.Shared.Return(rented);
        }
    }

    /// <summary>Parses a message held in a (possibly segmented) sequence, e.g. from a pipe.</summary>
    public static SipParseResult Parse(ReadOnlySequence<byte> data, SipFramingMode mode = SipFramingMode.Datagram, SipParserLimits? limits = null) =>
        data.IsSingleSegment ? Parse(data.First, mode, limits) : Parse(data.ToArray(), mode, limits);

    /// <summary>The header's name as written (long or compact form).</summary>
    public string HeaderName(int index) =>
        Encoding.ASCII.GetString(Bytes.Span.Slice(_headers[index].NameStart, _headers[index].NameLength));

    /// <summary>The header's value as text, folded lines joined by one space.</summary>
    public string HeaderValue(int index) =>
        _values[index] ??= SipText.Unfold(Encoding.UTF8.GetString(Bytes.Span.Slice(_headers[index].ValueStart, _headers[index].ValueLength)));

    /// <summary>The value of the first header of this kind, or null.</summary>
    public string? First(SipHeaderKind kind)
    {
        for (var i = 0; i < _headers.Length; i++)
        {
            if (_headers[i].Kind == kind)
            {
                return HeaderValue(i);
            }
        }

        return null;
    }

    /// <summary>How many header fields (lines) of this kind the message has.</summary>
    public int Count(SipHeaderKind kind)
    {
        var n = 0;
        foreach (var h in _headers)
        {
            n += h.Kind == kind ? 1 : 0;
        }

        return n;
    }

    /// <summary>
    /// Every value of a header kind in order. Headers that RFC 3261 7.3.1 lets combine into a comma
    /// list are split; single-value headers are returned line by line. Null when a list does not parse.
    /// </summary>
    public IReadOnlyList<string>? Values(SipHeaderKind kind)
    {
        var values = new List<string>();
        for (var i = 0; i < _headers.Length; i++)
        {
            if (_headers[i].Kind != kind)
            {
                continue;
            }

            if (!SipHeaderLists.IsList(kind))
            {
                values.Add(HeaderValue(i));
                continue;
            }

            var items = SipText.SplitList(HeaderValue(i));
            if (items is null)
            {
                return null;
            }

            values.AddRange(items);
        }

        return values;
    }

    /// <summary>Every value of a header by name (long or compact form, any case), for headers the index does not know.</summary>
    public IEnumerable<string> Values(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var kind = SipHeaderNames.Classify(name);
        if (kind != SipHeaderKind.Unknown)
        {
            return Values(kind) ?? [];
        }

        var values = new List<string>();
        for (var i = 0; i < _headers.Length; i++)
        {
            if (_headers[i].Kind == SipHeaderKind.Unknown && HeaderName(i).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                values.Add(HeaderValue(i));
            }
        }

        return values;
    }

    /// <summary>The Request-URI, parsed; null for a response or when it does not parse.</summary>
    public SipUri? RequestUri => IsRequest && SipUri.TryParse(RequestUriText, out var uri, out _) ? uri : null;

    public override string ToString() => IsRequest
        ? $"{Method} {RequestUriText}"
        : $"{StatusCode.ToString(CultureInfo.InvariantCulture)} {ReasonPhrase}";
}
