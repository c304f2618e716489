namespace Ims.Hss.Cx;

/// <summary>
/// Settings of the Cx server: its own Diameter identity, the visited networks it lets users
/// register from, what it offers an I-CSCF for S-CSCF selection, and the charging functions it
/// tells the S-CSCF about.
/// </summary>
public sealed record HssOptions
{
    /// <summary>Origin-Host of every answer (RFC 6733 6.3).</summary>
    public required string OriginHost { get; init; }

    /// <summary>Origin-Realm of every answer; also a visited network always allowed.</summary>
    public required string OriginRealm { get; init; }

    /// <summary>
    /// Visited-Network-Identifier values allowed besides the home network (TS 29.228 6.1.1.1). The
    /// home network is the HSS realm and the subscriber's own domain. "*" allows every network.
    /// </summary>
    public IReadOnlyList<string> AllowedVisitedNetworks { get; init; } = [];

    /// <summary>S-CSCF names offered in Server-Capabilities (TS 29.229 6.3.4) for I-CSCF selection.</summary>
    public IReadOnlyList<string> ScscfNames { get; init; } = [];

    /// <summary>Mandatory-Capability values offered in Server-Capabilities (TS 29.229 6.3.5).</summary>
    public IReadOnlyList<uint> MandatoryCapabilities { get; init; } = [];

    /// <summary>Optional-Capability values offered in Server-Capabilities (TS 29.229 6.3.6).</summary>
    public IReadOnlyList<uint> OptionalCapabilities { get; init; } = [];

    /// <summary>Charging functions sent in SAA Charging-Information (TS 29.229 6.3.19); none are sent when all are null.</summary>
    public string? PrimaryChargingCollectionFunction { get; init; }

    public string? SecondaryChargingCollectionFunction { get; init; }

    public string? PrimaryEventChargingFunction { get; init; }

    public string? SecondaryEventChargingFunction { get; init; }

    /// <summary>The most vectors one MAA carries, whatever SIP-Number-Auth-Items asks (TS 29.228 6.3.1 lets the HSS send fewer).</summary>
    public int MaxVectorsPerRequest { get; init; } = 5;

    /// <summary>How often a conditional write is retried after another writer changed the row first.</summary>
    public int MaxWriteAttempts { get; init; } = 1000;

    /// <summary>Digest-QoP sent with SIP Digest (TS 29.229 6.3.36, RFC 2617 3.2.1).</summary>
    public string DigestQop { get; init; } = "auth";

    public bool HasChargingInformation =>
        PrimaryChargingCollectionFunction is not null || SecondaryChargingCollectionFunction is not null
        || PrimaryEventChargingFunction is not null || SecondaryEventChargingFunction is not null;
}
