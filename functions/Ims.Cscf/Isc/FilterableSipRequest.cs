using System.Text;
using Ims.Ifc.Evaluation;
using Ims.Ifc.Subscription;
using Ims.Sip;

namespace Ims.Cscf.Isc;

/// <summary>An initial SIP request as iFC evaluation reads it (TS 29.228 Annex C): method, Request-URI, headers and SDP lines.</summary>
internal sealed class FilterableSipRequest(SipMessage request) : IFilterableRequest
{
    private List<KeyValuePair<string, string>>? _sdp;

    public string Method => request.Method;

    public string RequestUri => request.RequestUriText;

    public RegistrationType? RegistrationType => null;

    public IEnumerable<string> HeaderValues(string name) => request.Values(name);

    public IEnumerable<KeyValuePair<string, string>> SessionDescriptionLines => _sdp ??= ReadSdp();

    // RFC 4566 5: "<type>=<value>" lines; only a body of type application/sdp is a session description.
    private List<KeyValuePair<string, string>> ReadSdp()
    {
        var lines = new List<KeyValuePair<string, string>>();
        if (!string.Equals(request.ContentType?.Value, "application/sdp", StringComparison.OrdinalIgnoreCase) || request.Body.IsEmpty)
        {
            return lines;
        }

        foreach (var line in Encoding.UTF8.GetString(request.Body.Span).Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length >= 2 && trimmed[1] == '=')
            {
                lines.Add(new(trimmed[..1], trimmed[2..]));
            }
        }

        return lines;
    }
}
