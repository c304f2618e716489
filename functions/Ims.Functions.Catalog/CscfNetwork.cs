using System.Globalization;
using Ims.Cscf;
using Ims.Cscf.Charging;

namespace Ims.Functions.Catalog;

/// <summary>
/// Where the CSCFs of a home network are and how they behave, in the terms an operator configures
/// (ports, third-party servers, policy, charging, registration and ISC switches). Both hosts hold
/// one: `ims up` from its options, the Azure Functions worker from its app settings. The CSCF
/// options and function settings are derived here only, so that the edge and the functions it
/// serves name the same URIs and Diameter identities: a command whose Origin-Host the edge does not
/// know cannot leave it.
/// </summary>
public sealed record CscfNetwork
{
    public const string WhenPcrfUnreachableContinue = "continue";

    public const string WhenPcrfUnreachableRefuse = "refuse";

    public int PcscfPort { get; init; } = 5060;

    public int IcscfPort { get; init; } = 4060;

    public int ScscfPort { get; init; } = 6060;

    /// <summary>A third-party PCRF the P-CSCF uses instead of the built-in one (Host set).</summary>
    public PeerServer Pcrf { get; init; } = new();

    /// <summary>A third-party OCS the S-CSCF uses instead of the built-in one (Host set).</summary>
    public PeerServer Ocs { get; init; } = new();

    /// <summary>AAR on session setup, STR at its end (TS 24.229 5.2.7, TS 29.214 4.4.1, 4.4.4).</summary>
    public bool Rx { get; init; } = true;

    /// <summary>"continue" (the call goes on without QoS) or "refuse" (503) when the PCRF does not answer.</summary>
    public string WhenPcrfUnreachable { get; init; } = WhenPcrfUnreachableContinue;

    /// <summary>Online charging of originating calls (Ro, TS 32.299); off so that subscribers without a balance keep calling.</summary>
    public bool ChargingOnline { get; init; }

    /// <summary>CC-Time asked in each CCR.</summary>
    public int ChargingRequestedSeconds { get; init; } = 60;

    /// <summary>TERMINATE (RFC 4006 8.14's default) or CONTINUE, when the OCS fails and its CCA names none.</summary>
    public string ChargingFailureHandling { get; init; } = "TERMINATE";

    public int DefaultExpires { get; init; } = 3600;

    public int MinExpires { get; init; } = 60;

    public int MaxExpires { get; init; } = 3600;

    /// <summary>Seconds an application server may stay silent before the iFC's DefaultHandling applies.</summary>
    public double ApplicationServerTimeout { get; init; } = 3;

    /// <summary>The Diameter identity of a role: host "hss" becomes hss.&lt;domain&gt;.</summary>
    public static string DiameterIdentity(string homeDomain, string host) => $"{host}.{homeDomain}";

    /// <summary>A SIP role's own URI: "pcscf" on port 5060 is sip:pcscf.&lt;domain&gt;:5060.</summary>
    public static string RoleUri(string homeDomain, string host, int port) =>
        $"sip:{host}.{homeDomain}:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>What the CSCF functions are told of the network.</summary>
    public CscfOptions Options(string homeDomain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(homeDomain);
        var scscf = RoleUri(homeDomain, "scscf", ScscfPort);
        return new CscfOptions
        {
            HomeDomain = homeDomain,
            PcscfUri = RoleUri(homeDomain, "pcscf", PcscfPort),
            IcscfUri = RoleUri(homeDomain, "icscf", IcscfPort),
            ScscfUri = scscf,
            ScscfCandidates = [new ScscfCandidate(scscf, [])],
            IcscfDiameterHost = DiameterIdentity(homeDomain, "icscf"),
            ScscfDiameterHost = DiameterIdentity(homeDomain, "scscf"),
            PcscfDiameterHost = DiameterIdentity(homeDomain, "pcscf"),
            PcrfRealm = Pcrf.Realm ?? homeDomain,
            PcrfHost = Pcrf.IsThirdParty ? Pcrf.Identity ?? Pcrf.Host : DiameterIdentity(homeDomain, "pcrf"),
            RxEnabled = Rx,
            RefuseSessionsWithoutPcrf = WhenPcrfUnreachable == WhenPcrfUnreachableRefuse,
            OcsRealm = Ocs.Realm ?? homeDomain,
            OcsHost = Ocs.IsThirdParty ? Ocs.Identity ?? Ocs.Host : DiameterIdentity(homeDomain, "ocs"),
            Charging = new RoChargingOptions
            {
                Online = ChargingOnline,
                RequestedSeconds = (uint)Math.Max(1, ChargingRequestedSeconds),
                FailureHandling = string.Equals(ChargingFailureHandling, "CONTINUE", StringComparison.OrdinalIgnoreCase)
                    ? RoValues.FailureHandlingContinue
                    : RoValues.FailureHandlingTerminate,
            },
            DefaultExpires = DefaultExpires,
            MinExpires = MinExpires,
            MaxExpires = MaxExpires,
            ApplicationServerTimeout = TimeSpan.FromSeconds(ApplicationServerTimeout),
        };
    }

    /// <summary>
    /// The settings of every function of the home network: the built-in servers under their role
    /// names, the home S-CSCF offered by the HSS for I-CSCF selection, and the CSCFs.
    /// </summary>
    public ImsFunctionSettings FunctionSettings(string homeDomain) => new()
    {
        HomeDomain = homeDomain,
        HssOriginHost = DiameterIdentity(homeDomain, "hss"),
        OcsOriginHost = DiameterIdentity(homeDomain, "ocs"),
        PcrfOriginHost = DiameterIdentity(homeDomain, "pcrf"),
        ScscfNames = [RoleUri(homeDomain, "scscf", ScscfPort)],
        Cscf = Options(homeDomain),
    };

    /// <summary>
    /// The first value a CSCF cannot work with, or null. <paramref name="settingName"/> turns a key
    /// ("Pcscf:Port") into what the host's operator writes (the edge's key, or the worker's app setting).
    /// </summary>
    public string? Problem(Func<string, string> settingName)
    {
        ArgumentNullException.ThrowIfNull(settingName);
        foreach (var (key, port) in new[] { ("Pcscf:Port", PcscfPort), ("Icscf:Port", IcscfPort), ("Scscf:Port", ScscfPort) })
        {
            if (port is < 1 or > 65535)
            {
                return $"{settingName(key)} must be a port number 1-65535, not {port}";
            }
        }

        if ((Pcrf.Problem("Pcrf", settingName) ?? Ocs.Problem("Ocs", settingName)) is { } peer)
        {
            return peer;
        }

        if (MinExpires < 1 || MinExpires > MaxExpires || DefaultExpires < MinExpires || DefaultExpires > MaxExpires)
        {
            return $"{settingName("Registration:MinExpires")} <= {settingName("Registration:DefaultExpires")} <= {settingName("Registration:MaxExpires")} must hold, all at least 1 second";
        }

        if (!(ApplicationServerTimeout is >= 0.5 and <= 32))
        {
            // Beyond Timer B (64*T1) the transaction would give up first.
            return $"{settingName("Isc:ApplicationServerTimeout")} must be 0.5-32 seconds, not {ApplicationServerTimeout.ToString(CultureInfo.InvariantCulture)}";
        }

        if (WhenPcrfUnreachable is not (WhenPcrfUnreachableContinue or WhenPcrfUnreachableRefuse))
        {
            return $"{settingName("Policy:WhenPcrfUnreachable")} must be 'continue' or 'refuse', not '{WhenPcrfUnreachable}'";
        }

        if (ChargingRequestedSeconds is < 1 or > 86400)
        {
            return $"{settingName("Charging:RequestedSeconds")} must be 1-86400, not {ChargingRequestedSeconds}";
        }

        if (!(string.Equals(ChargingFailureHandling, "TERMINATE", StringComparison.OrdinalIgnoreCase)
              || string.Equals(ChargingFailureHandling, "CONTINUE", StringComparison.OrdinalIgnoreCase)))
        {
            return $"{settingName("Charging:FailureHandling")} must be 'TERMINATE' or 'CONTINUE', not '{ChargingFailureHandling}'";
        }

        return null;
    }
}

/// <summary>
/// A third-party policy or charging server as the CSCFs name it: its host (set only for a third
/// party), Diameter identity (the host when unset) and realm (the home domain when unset). Its TCP
/// port is the edge's business, not the functions'.
/// </summary>
public sealed record PeerServer
{
    public string? Host { get; init; }

    public string? Identity { get; init; }

    public string? Realm { get; init; }

    public bool IsThirdParty => !string.IsNullOrWhiteSpace(Host);

    /// <summary>
    /// A host name or address, and an identity and realm that are names (RFC 6733 4.3
    /// DiameterIdentity); an identity or realm without a host would be silently ignored, so it is refused.
    /// </summary>
    internal string? Problem(string role, Func<string, string> settingName)
    {
        if (!IsThirdParty)
        {
            return Identity is not null || Realm is not null
                ? $"{settingName($"{role}:PeerIdentity")} and {settingName($"{role}:PeerRealm")} need {settingName($"{role}:PeerHost")} (the third-party server to connect to)"
                : null;
        }

        if (Uri.CheckHostName(Host!.Trim()) == UriHostNameType.Unknown)
        {
            return $"{settingName($"{role}:PeerHost")} must be a host name or IP address, not '{Host}'";
        }

        foreach (var (name, value) in new[] { ("PeerIdentity", Identity), ("PeerRealm", Realm) })
        {
            if (value is not null && Uri.CheckHostName(value.Trim()) != UriHostNameType.Dns)
            {
                return $"{settingName($"{role}:{name}")} must be a Diameter identity (a DNS name), not '{value}'";
            }
        }

        return null;
    }
}
