using System.Globalization;
using Ims.Sip.Headers;
using Ims.Sip.Parsing;

namespace Ims.Sip;

// Typed access to the headers an IMS core reads. Each is parsed on first use and cached; a value
// that does not parse reads as null (or is left out of a list) — Validate() has already reported
// the headers whose breakage makes the message unusable.
public sealed partial class SipMessage
{
    private IReadOnlyList<SipVia>? _vias;
    private SipNameAddress? _from;
    private SipNameAddress? _to;
    private SipCSeq? _cseq;
    private IReadOnlyList<SipContact>? _contacts;

    public IReadOnlyList<SipVia> Vias => _vias ??= ParseAll(SipHeaderKind.Via, (string v, out SipVia x) => SipVia.TryParse(v, out x, out _));

    public SipVia? TopVia => Vias.Count > 0 ? Vias[0] : null;

    public SipNameAddress? From => _from ??= Address(SipHeaderKind.From);

    public SipNameAddress? To => _to ??= Address(SipHeaderKind.To);

    public string? CallId => First(SipHeaderKind.CallId);

    public SipCSeq? CSeq => _cseq ??= First(SipHeaderKind.CSeq) is { } v && SipCSeq.TryParse(v, out var c) ? c : null;

    public int? MaxForwards => Integer(SipHeaderKind.MaxForwards);

    public int? Expires => Integer(SipHeaderKind.Expires);

    public IReadOnlyList<SipContact> Contacts => _contacts ??= ParseAll(SipHeaderKind.Contact, (string v, out SipContact x) => SipContact.TryParse(v, out x, out _));

    public IReadOnlyList<SipNameAddress> Routes => Addresses(SipHeaderKind.Route);

    public IReadOnlyList<SipNameAddress> RecordRoutes => Addresses(SipHeaderKind.RecordRoute);

    public IReadOnlyList<SipNameAddress> Paths => Addresses(SipHeaderKind.Path);

    public IReadOnlyList<SipNameAddress> ServiceRoutes => Addresses(SipHeaderKind.ServiceRoute);

    public IReadOnlyList<SipNameAddress> PAssertedIdentities => Addresses(SipHeaderKind.PAssertedIdentity);

    public IReadOnlyList<SipNameAddress> PPreferredIdentities => Addresses(SipHeaderKind.PPreferredIdentity);

    public IReadOnlyList<SipNameAddress> PAssociatedUris => Addresses(SipHeaderKind.PAssociatedUri);

    public SipCredentials? Authorization => Credentials(SipHeaderKind.Authorization);

    public SipCredentials? ProxyAuthorization => Credentials(SipHeaderKind.ProxyAuthorization);

    public SipCredentials? WwwAuthenticate => Credentials(SipHeaderKind.WwwAuthenticate);

    public SipCredentials? ProxyAuthenticate => Credentials(SipHeaderKind.ProxyAuthenticate);

    public string? PVisitedNetworkId => First(SipHeaderKind.PVisitedNetworkId) is { } v ? Syntax.SipText.Unquote(v.Trim()) : null;

    public SipChargingVector? PChargingVector => First(SipHeaderKind.PChargingVector) is { } v && SipChargingVector.TryParse(v, out var c) ? c : null;

    /// <summary>P-Charging-Function-Addresses (RFC 7315 5.5): ccf and ecf parameters.</summary>
    public SipChargingVector? PChargingFunctionAddresses
    {
        get
        {
            if (First(SipHeaderKind.PChargingFunctionAddresses) is not { } value)
            {
                return null;
            }

            var index = 0;
            return Syntax.SipParameters.Parse(";" + value.Trim(), ref index) is { } parameters ? new SipChargingVector(parameters) : null;
        }
    }

    public IReadOnlyList<SipTokenWithParameters> SecurityClient => Mechanisms(SipHeaderKind.SecurityClient);

    public IReadOnlyList<SipTokenWithParameters> SecurityServer => Mechanisms(SipHeaderKind.SecurityServer);

    public IReadOnlyList<SipTokenWithParameters> SecurityVerify => Mechanisms(SipHeaderKind.SecurityVerify);

    public IReadOnlyList<string> Supported => Values(SipHeaderKind.Supported) ?? [];

    public IReadOnlyList<string> Require => Values(SipHeaderKind.Require) ?? [];

    public IReadOnlyList<string> ProxyRequire => Values(SipHeaderKind.ProxyRequire) ?? [];

    public IReadOnlyList<string> Allow => Values(SipHeaderKind.Allow) ?? [];

    public SipTokenWithParameters? ContentType => First(SipHeaderKind.ContentType) is { } v && SipTokenWithParameters.TryParse(v, out var t) ? t : null;

    public SipTokenWithParameters? Event => First(SipHeaderKind.Event) is { } v && SipTokenWithParameters.TryParse(v, out var t) ? t : null;

    private delegate bool TryParser<T>(string value, out T result);

    private List<T> ParseAll<T>(SipHeaderKind kind, TryParser<T> parser)
    {
        var result = new List<T>();
        foreach (var value in Values(kind) ?? [])
        {
            if (parser(value, out var parsed))
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    private IReadOnlyList<SipNameAddress> Addresses(SipHeaderKind kind) =>
        ParseAll(kind, (string v, out SipNameAddress x) => SipNameAddress.TryParse(v, out x, out _));

    private IReadOnlyList<SipTokenWithParameters> Mechanisms(SipHeaderKind kind) =>
        ParseAll(kind, (string v, out SipTokenWithParameters x) => SipTokenWithParameters.TryParse(v, out x));

    private SipNameAddress? Address(SipHeaderKind kind) =>
        First(kind) is { } v && SipNameAddress.TryParse(v, out var a, out _) ? a : null;

    private SipCredentials? Credentials(SipHeaderKind kind) =>
        First(kind) is { } v && SipCredentials.TryParse(v, out var c) ? c : null;

    private int? Integer(SipHeaderKind kind) =>
        First(kind) is { } v && int.TryParse(v.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
