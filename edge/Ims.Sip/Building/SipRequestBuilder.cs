using System.Globalization;
using System.Text;

namespace Ims.Sip.Building;

/// <summary>Builds a request from scratch (a CSCF's own requests, third-party REGISTER, tests).</summary>
public sealed class SipRequestBuilder
{
    private readonly string _method;
    private readonly string _requestUri;
    private readonly List<(string Name, string Value)> _headers = [];
    private ReadOnlyMemory<byte> _body;

    public SipRequestBuilder(string method, string requestUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(requestUri);
        _method = method;
        _requestUri = requestUri;
    }

    public SipRequestBuilder Add(string name, string value)
    {
        _headers.Add((name, value.ReplaceLineEndings(" ")));
        return this;
    }

    public SipRequestBuilder WithBody(ReadOnlyMemory<byte> body, string contentType)
    {
        _body = body;
        return Add("Content-Type", contentType);
    }

    public byte[] ToArray()
    {
        var text = new StringBuilder(512);
        text.Append(_method).Append(' ').Append(_requestUri).Append(" SIP/2.0\r\n");
        foreach (var (name, value) in _headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        text.Append("Content-Length: ").Append(_body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        var head = Encoding.UTF8.GetBytes(text.ToString());
        var message = new byte[head.Length + _body.Length];
        head.CopyTo(message, 0);
        _body.Span.CopyTo(message.AsSpan(head.Length));
        return message;
    }
}
