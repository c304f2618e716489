using Ims.Diameter.Values;

namespace Ims.Diameter.Peers.Configuration;

/// <summary>
/// What this node says in CER/CEA (RFC 6733 5.3) and how it runs its connections. Timer defaults
/// follow RFC 3539 3.4.1 (Tw 30 s) and RFC 6733 2.1 (reconnect Tc 30 s).
/// </summary>
public sealed record DiameterNodeOptions
{
    public required string OriginHost { get; init; }

    public required string OriginRealm { get; init; }

    /// <summary>Host-IP-Address values (RFC 6733 5.3.5); defaults to 127.0.0.1 when empty.</summary>
    public IReadOnlyList<DiameterAddress> HostIpAddresses { get; init; } = [];

    public uint VendorId { get; init; }

    public string ProductName { get; init; } = "Ims.Cloud";

    public IReadOnlyList<uint> SupportedVendorIds { get; init; } = [DiameterVendorId.ThirdGeneration];

    /// <summary>IETF applications advertised with Auth-Application-Id (e.g. 4 for credit control).</summary>
    public IReadOnlyList<uint> AuthApplicationIds { get; init; } = [];

    /// <summary>Vendor applications advertised in Vendor-Specific-Application-Id (Cx, Rx: vendor 10415).</summary>
    public IReadOnlyList<(uint VendorId, uint ApplicationId)> VendorSpecificApplicationIds { get; init; } = [];

    /// <summary>Where to accept connections; null for a client-only node. Port 0 picks a free port.</summary>
    public System.Net.IPEndPoint? ListenOn { get; init; }

    public IReadOnlyList<DiameterPeerEndpoint> Peers { get; init; } = [];

    /// <summary>RFC 3539 3.4.1 Tw: idle time before a DWR, and how long a DWR may stay unanswered before failover.</summary>
    public TimeSpan WatchdogInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>RFC 6733 2.1 Tc: time between attempts to reach a configured peer.</summary>
    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long CER/CEA and DPR/DPA may take before the connection is given up.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Default time a request waits for its answer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// RFC 6733 5.3: a CER with no application in common is refused with
    /// DIAMETER_NO_COMMON_APPLICATION. False accepts base-protocol-only peers (monitoring, tests).
    /// </summary>
    public bool RequireCommonApplication { get; init; } = true;

    public int MaxMessageLength { get; init; } = Codec.DiameterFraming.DefaultMaxMessageLength;

    /// <summary>Every application id this node advertises.</summary>
    public IEnumerable<uint> ApplicationIds => AuthApplicationIds.Concat(VendorSpecificApplicationIds.Select(v => v.ApplicationId));
}
