namespace Ims.Functions.Catalog;

/// <summary>
/// What the functions need to know about the network they serve, whatever hosts them. The embedded
/// host derives it from its options; the Azure Functions worker reads it from app settings.
/// </summary>
public sealed record ImsFunctionSettings
{
    /// <summary>The home network's domain, e.g. ims.mnc001.mcc001.3gppnetwork.org; the HSS's Diameter realm.</summary>
    public required string HomeDomain { get; init; }

    /// <summary>The HSS's Diameter identity (Origin-Host); by default hss.HomeDomain.</summary>
    public string? HssOriginHost { get; init; }

    /// <summary>The built-in OCS's Diameter identity; by default ocs.HomeDomain.</summary>
    public string? OcsOriginHost { get; init; }

    /// <summary>The built-in PCRF's Diameter identity; by default pcrf.HomeDomain.</summary>
    public string? PcrfOriginHost { get; init; }

    /// <summary>Visited networks users may register from besides the home network ("*" for any).</summary>
    public IReadOnlyList<string> AllowedVisitedNetworks { get; init; } = [];

    /// <summary>S-CSCF names the HSS offers for I-CSCF selection (SIP URIs).</summary>
    public IReadOnlyList<string> ScscfNames { get; init; } = [];

    /// <summary>The CSCF roles' view of the network; without it the host runs the HSS only.</summary>
    public Ims.Cscf.CscfOptions? Cscf { get; init; }
}
