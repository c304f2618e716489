using System.Globalization;
using System.Text;
using Ims.Sip.Parsing;

namespace Ims.Sip.Building;

/// <summary>
/// Builds a response to a request (RFC 3261 8.2.6): the Via headers, From, To, Call-ID and CSeq
/// copied byte for byte, a To tag added when the request had none (and the response is not 100),
/// then the caller's headers and body.
/// </summary>
public sealed class SipResponseBuilder
{
    private readonly SipMessage _request;
    private readonly int _status;
    private readonly string _reason;
    private readonly List<(string Name, string Value)> _headers = [];
    private string? _toTag;
    private ReadOnlyMemory<byte> _body;

    public SipResponseBuilder(SipMessage request, int status, string reason)
    {
        _request = request ?? throw new ArgumentNullException(nameof(request));
        if (!request.IsRequest)
        {
            throw new ArgumentException("responses answer requests", nameof(request));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 699);
        _status = status;
        _reason = reason.ReplaceLineEndings(" ");
    }

    /// <summary>The To tag to add when the request's To has none (RFC 3261 8.2.6.2); the caller makes it (no randomness here).</summary>
    public SipResponseBuilder WithToTag(string tag)
    {
        _toTag = tag;
        return this;
    }

    public SipResponseBuilder Add(string name, string value)
    {
        _headers.Add((name, value.ReplaceLineEndings(" ")));
        return this;
    }

    public SipResponseBuilder WithBody(ReadOnlyMemory<byte> body, string contentType)
    {
        _body = body;
        return Add("Content-Type", contentType);
    }

    public byte[] ToArray()
    {
        var text = new StringBuilder(512);
        text.Append("SIP/2.0 ").Append(_status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(_reason).Append("\r\n");
        var bytes = _request.Bytes.Span;
        using var output = new MemoryStream(1024);
        output.Write(Encoding.UTF8.GetBytes(text.ToString()));
        foreach (var kind in new[] { SipHeaderKind.Via, SipHeaderKind.From, SipHeaderKind.To, SipHeaderKind.CallId, SipHeaderKind.CSeq })
        {
            for (var i = 0; i < _request.HeaderCount; i++)
            {
                var field = _request.HeaderFields[i];
                if (field.Kind != kind)
                {
                    continue;
                }

                var lineEnd = bytes[field.ValueEnd..].IndexOf((byte)'\n') + field.ValueEnd + 1;
                var line = bytes[field.NameStart..lineEnd];
                if (kind == SipHeaderKind.To && _status > 100 && _toTag is not null && _request.To?.Tag is null)
                {
                    // Append ;tag= to the value, before the line's end (which may be a bare LF).
                    var valueEnd = field.ValueEnd - field.NameStart;
                    output.Write(line[..valueEnd]);
                    output.Write(Encoding.ASCII.GetBytes($";tag={_toTag}"));
                    output.Write(line[valueEnd..]);
                }
                else
                {
                    output.Write(line);
                }
            }
        }

        var tail = new StringBuilder();
        foreach (var (name, value) in _headers)
        {
            tail.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        tail.Append("Content-Length: ").Append(_body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        output.Write(Encoding.UTF8.GetBytes(tail.ToString()));
        output.Write(_body.Span);
        return output.ToArray();
    }
}
