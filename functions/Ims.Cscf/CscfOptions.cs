namespace Ims.Cscf;

/// <summary>
/// What the CSCF functions know of the network they serve: their own SIP URIs (which go into Via,
/// Path and Service-Route), where the I-CSCF is, their Diameter identities towards the HSS, and the
/// registrar's limits on Expires.
/// </summary>
public sealed record CscfOptions
{
    /// <summary>The home network domain (TS 23.003 13.2); also the Digest realm and the Diameter realm.</summary>
    public required string HomeDomain { get; init; }

    /// <summary>The P-CSCF's own SIP URI, put in Path (RFC 3327) so that terminating requests come back through it.</summary>
    public required string PcscfUri { get; init; }

    /// <summary>The home network's I-CSCF, where the P-CSCF sends REGISTER (TS 24.229 5.2.2.1).</summary>
    public required string IcscfUri { get; init; }

    /// <summary>The S-CSCF's name: Server-Name on MAR/SAR, and the Service-Route it returns.</summary>
    public required string ScscfUri { get; init; }

    /// <summary>The S-CSCFs the I-CSCF may choose from when the HSS answers with capabilities, with theirs.</summary>
    public IReadOnlyList<ScscfCandidate> ScscfCandidates { get; init; } = [];

    /// <summary>P-Visited-Network-ID the P-CSCF inserts (RFC 7315 4.3); the home domain when the P-CSCF is at home.</summary>
    public string? VisitedNetworkId { get; init; }

    public required string IcscfDiameterHost { get; init; }

    public required string ScscfDiameterHost { get; init; }

    /// <summary>The P-CSCF's Diameter identity towards the PCRF (Origin-Host of AAR and STR).</summary>
    public string? PcscfDiameterHost { get; init; }

    /// <summary>Destination-Realm and Destination-Host of Rx requests (TS 29.214); the home domain and no host by default.</summary>
    public string? PcrfRealm { get; init; }

    public string? PcrfHost { get; init; }

    /// <summary>
    /// Whether the P-CSCF asks the PCRF to authorise the media of its sessions over Rx (TS 24.229
    /// 5.2.7, TS 29.214 4.4.1); off unless the host turns it on, and only with <see cref="PcscfDiameterHost"/>.
    /// </summary>
    public bool RxEnabled { get; init; }

    /// <summary>
    /// What a session setup does when the PCRF does not answer: false (the default) lets it go on
    /// without QoS (DESIGN: an unreachable PCRF does not block calls unless configured), true refuses it with 503.
    /// </summary>
    public bool RefuseSessionsWithoutPcrf { get; init; }

    /// <summary>Destination-Realm and Destination-Host of Ro requests (TS 32.299); the home domain and no host by default.</summary>
    public string? OcsRealm { get; init; }

    public string? OcsHost { get; init; }

    /// <summary>Online charging at the S-CSCF (Ro, TS 32.299); off unless set.</summary>
    public Charging.RoChargingOptions Charging { get; init; } = new();

    /// <summary>Destination-Realm of Cx requests.</summary>
    public string? HssRealm { get; init; }

    /// <summary>Expires granted when the UE asks for none (RFC 3261 10.2.1.1).</summary>
    public int DefaultExpires { get; init; } = 3600;

    /// <summary>Shorter asks are refused with 423 and this Min-Expires (RFC 3261 10.3 step 7).</summary>
    public int MinExpires { get; init; } = 60;

    /// <summary>Longer asks are shortened to this.</summary>
    public int MaxExpires { get; init; } = 3600;

    /// <summary>How long a challenge (nonce and expected response) stays usable.</summary>
    public TimeSpan ChallengeLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long an application server may stay silent (not even 100 Trying) before the S-CSCF applies
    /// the iFC's DefaultHandling (TS 24.229 5.4.3.2; Kamailio's ims_isc fr timer).
    /// </summary>
    public TimeSpan ApplicationServerTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public string CxRealm => HssRealm ?? HomeDomain;

    public string VisitedNetwork => VisitedNetworkId ?? HomeDomain;
}

/// <summary>An S-CSCF the I-CSCF may select by Server-Capabilities (TS 29.229 6.3.4), with the capabilities it offers.</summary>
public sealed record ScscfCandidate(string Uri, IReadOnlyList<uint> Capabilities);
