using Ims.Sip.Syntax;

namespace Ims.Sip.Headers;

/// <summary>P-Charging-Vector (RFC 7315 5.6, TS 24.229 7.2A.5): icid-value, orig-ioi, term-ioi and more.</summary>
public sealed record SipChargingVector(IReadOnlyList<SipParameter> Parameters)
{
    public string? IcidValue => Parameters.Get("icid-value");

    public string? OrigIoi => Parameters.Get("orig-ioi");

    public string? TermIoi => Parameters.Get("term-ioi");

    public string? IcidGeneratedAt => Parameters.Get("icid-generated-at");

    public override string ToString() => string.Join(";", Parameters.Select(p => p.ToString()));

    public static bool TryParse(string value, out SipChargingVector vector)
    {
        ArgumentNullException.ThrowIfNull(value);
        var index = 0;
        var parameters = SipParameters.Parse(";" + value.Trim(), ref index);
        vector = parameters is null ? null! : new SipChargingVector(parameters);
        return parameters is not null && vector.IcidValue is not null;
    }
}
