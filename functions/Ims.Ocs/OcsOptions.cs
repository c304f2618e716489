namespace Ims.Ocs;

/// <summary>What the built-in OCS says about itself and how much it grants at a time.</summary>
public sealed record OcsOptions
{
    /// <summary>Origin-Host of its answers, e.g. ocs.ims.mnc001.mcc001.3gppnetwork.org.</summary>
    public required string OriginHost { get; init; }

    public required string OriginRealm { get; init; }

    /// <summary>Seconds granted when a request asks for no particular amount (RFC 4006 5.1.2: the server chooses).</summary>
    public uint DefaultQuotaSeconds { get; init; } = 60;

    /// <summary>Upper bound of one grant, whatever the client asks for.</summary>
    public uint MaxQuotaSeconds { get; init; } = 3600;

    /// <summary>RFC 4006 8.33 Validity-Time: the client must report (CCR-UPDATE) within this many seconds of a grant.</summary>
    public uint ValiditySeconds { get; init; } = 300;
}
