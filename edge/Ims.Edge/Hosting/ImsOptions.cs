using Ims.Functions.Catalog;

namespace Ims.Edge.Hosting;

/// <summary>
/// Settings of `ims up`: read from a JSON file (ims.json), then overridden by environment variables
/// with the prefix IMS_ ("IMS_Pcscf__Port=5070"), then by command-line flags.
/// </summary>
public sealed record ImsOptions
{
    /// <summary>The home network domain (TS 23.003 13.2).</summary>
    public string HomeDomain { get; init; } = "ims.mnc001.mcc001.3gppnetwork.org";

    /// <summary>Address every listener binds to; loopback by default, so a lab is not exposed.</summary>
    public string Bind { get; init; } = "127.0.0.1";

    /// <summary>
    /// The address (IP or host name) this edge names on the wire: the sent-by of the Via it and the
    /// functions add (RFC 3261 18.2.1, 20.42) and the address its Diameter nodes announce
    /// (Host-IP-Address, RFC 6733 5.3.5). Unset, it is <see cref="Bind"/>. Needed behind NAT or when
    /// <see cref="Bind"/> is a wildcard, which no peer can send to.
    /// </summary>
    public string? Advertise { get; init; }

    /// <summary>What goes on the wire as this edge's address: <see cref="Advertise"/>, else <see cref="Bind"/>.</summary>
    public string AdvertisedHost() => string.IsNullOrWhiteSpace(Advertise) ? Bind : Advertise;

    /// <summary>True when <see cref="Bind"/> is 0.0.0.0 or ::, which listens everywhere but names no host.</summary>
    public bool BindsWildcard() =>
        System.Net.IPAddress.TryParse(Bind, out var address) && (address.Equals(System.Net.IPAddress.Any) || address.Equals(System.Net.IPAddress.IPv6Any));

    /// <summary>
    /// Where this process reaches its own listeners (its roles' SIP ports, the built-in HSS, OCS and
    /// PCRF): the bind address, or loopback when that is a wildcard. Never the advertised address: a
    /// public address behind NAT need not loop back (hairpin), and the OCS and PCRF ports are not
    /// published outside.
    /// </summary>
    public string SelfAddress()
    {
        if (!BindsWildcard())
        {
            return Bind;
        }

        return System.Net.IPAddress.Parse(Bind).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? System.Net.IPAddress.IPv6Loopback.ToString()
            : System.Net.IPAddress.Loopback.ToString();
    }

    /// <summary>Where the embedded store and the event log live.</summary>
    public string DataPath { get; init; } = "./data";

    /// <summary>Identifies this edge on the bus; commands come back to it.</summary>
    public string EdgeId { get; init; } = "edge-1";

    /// <summary>"embedded" (default, under DataPath) or "azure" (Azure Table storage or Azurite).</summary>
    public string Store { get; init; } = "embedded";

    /// <summary>Azure Table storage connection string ("UseDevelopmentStorage=true" for Azurite).</summary>
    public string? StoreConnection { get; init; }

    /// <summary>Azure Table storage endpoint, used with a managed identity when no connection string is given.</summary>
    public string? StoreEndpoint { get; init; }

    /// <summary>
    /// "inprocess" (default: the functions run in this process) or "eventhubs" (this process is the
    /// edge only: events go to Azure Event Hubs for the Functions app, commands come back from it).
    /// </summary>
    public string Bus { get; init; } = "inprocess";

    /// <summary>Event Hubs namespace host (e.g. ims-lab.servicebus.windows.net), reached with the managed identity.</summary>
    public string? EventHubsNamespace { get; init; }

    /// <summary>Event Hubs namespace connection string, for a lab without a managed identity.</summary>
    public string? EventHubsConnection { get; init; }

    public SipRoleOptions Pcscf { get; init; } = new() { Port = 5060 };

    public SipRoleOptions Icscf { get; init; } = new() { Port = 4060 };

    public SipRoleOptions Scscf { get; init; } = new() { Port = 6060 };

    public DiameterRoleOptions Hss { get; init; } = new() { Port = 3868 };

    /// <summary>The built-in OCS (Ro, RFC 4006), or a third-party one the S-CSCF uses instead.</summary>
    public PolicyChargingOptions Ocs { get; init; } = new() { Port = 3869 };

    /// <summary>Online charging of originating calls at the S-CSCF (Ro, TS 32.299).</summary>
    public ChargingOptions Charging { get; init; } = new();

    /// <summary>The built-in PCRF (Rx, TS 29.214), or a third-party one the P-CSCF uses instead.</summary>
    public PolicyChargingOptions Pcrf { get; init; } = new() { Port = 3870 };

    /// <summary>How the P-CSCF uses the PCRF for the media of its sessions (Rx, TS 29.214).</summary>
    public PolicyOptions Policy { get; init; } = new();

    /// <summary>Loopback HTTP port of the provisioning API that `ims subscriber` uses while `ims up` runs.</summary>
    public int AdminPort { get; init; } = 8068;

    /// <summary>The Diameter identity of a role: host "hss" becomes hss.&lt;HomeDomain&gt;.</summary>
    public string DiameterIdentity(string host) => Ims.Functions.Catalog.CscfNetwork.DiameterIdentity(HomeDomain, host);

    /// <summary>A SIP role's own URI: "pcscf" on port 5060 is sip:pcscf.&lt;HomeDomain&gt;:5060.</summary>
    public string RoleUri(string host, int port) => Ims.Functions.Catalog.CscfNetwork.RoleUri(HomeDomain, host, port);

    /// <summary>
    /// Names the SIP edge resolves without DNS: every role's host name (and the home domain, which a
    /// UE's REGISTER names) is this process, as an operator's DNS would say in a network. The edge
    /// sends to these, so they are where it reaches itself (<see cref="SelfAddress"/>); what it puts in
    /// headers is the advertised address instead.
    /// </summary>
    public IReadOnlyDictionary<string, string> SipHosts()
    {
        var self = SelfAddress();
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [HomeDomain] = self,
            [$"pcscf.{HomeDomain}"] = self,
            [$"icscf.{HomeDomain}"] = self,
            [$"scscf.{HomeDomain}"] = self,
        };
    }

    /// <summary>
    /// This process's CSCFs in the terms the Functions app reads from its app settings too: the
    /// derivation of URIs and identities from them is shared, so both hosts decide alike.
    /// </summary>
    public CscfNetwork CscfNetwork() => new()
    {
        PcscfPort = Pcscf.Port,
        IcscfPort = Icscf.Port,
        ScscfPort = Scscf.Port,
        Pcrf = Pcrf.PeerServer(),
        Ocs = Ocs.PeerServer(),
        Rx = Policy.Rx,
        WhenPcrfUnreachable = Policy.WhenPcrfUnreachable,
        ChargingOnline = Charging.Online,
        ChargingRequestedSeconds = Charging.RequestedSeconds,
        ChargingFailureHandling = Charging.FailureHandling,
        DefaultExpires = Registration.DefaultExpires,
        MinExpires = Registration.MinExpires,
        MaxExpires = Registration.MaxExpires,
        ApplicationServerTimeout = Isc.ApplicationServerTimeout,
    };

    /// <summary>What the CSCF functions are told of this network.</summary>
    public Ims.Cscf.CscfOptions Cscf() => CscfNetwork().Options(HomeDomain);

    /// <summary>The registrar's limits on Expires (RFC 3261 10.2.1.1, 10.3 step 7).</summary>
    public RegistrationOptions Registration { get; init; } = new();

    /// <summary>The S-CSCF's behaviour towards application servers (TS 24.229 5.4.3.2).</summary>
    public IscOptions Isc { get; init; } = new();
}

/// <summary>ISC settings of the S-CSCF.</summary>
public sealed record IscOptions
{
    /// <summary>
    /// Seconds an application server may stay silent (not even 100 Trying) before the iFC's
    /// DefaultHandling applies; short, because the caller is waiting.
    /// </summary>
    public double ApplicationServerTimeout { get; init; } = 3;
}

/// <summary>Expiry limits of the S-CSCF registrar, in seconds.</summary>
public sealed record RegistrationOptions
{
    public int DefaultExpires { get; init; } = 3600;

    public int MinExpires { get; init; } = 60;

    public int MaxExpires { get; init; } = 3600;
}

/// <summary>A SIP role's listener (UDP and TCP on one port).</summary>
public sealed record SipRoleOptions
{
    public int Port { get; init; }
}

/// <summary>A Diameter server role's listener (TCP).</summary>
public sealed record DiameterRoleOptions
{
    public int Port { get; init; }
}

/// <summary>
/// Online charging at the S-CSCF. Off by default: subscribers provisioned without a balance would
/// otherwise have every call refused by the built-in OCS (5030, CCFH TERMINATE); an operator turns it on.
/// </summary>
public sealed record ChargingOptions
{
    public bool Online { get; init; }

    /// <summary>Seconds asked for in each CCR (Requested-Service-Unit CC-Time).</summary>
    public int RequestedSeconds { get; init; } = 60;

    /// <summary>TERMINATE (RFC 4006 8.14's default) or CONTINUE, when the OCS fails and its CCA names none.</summary>
    public string FailureHandling { get; init; } = "TERMINATE";
}

/// <summary>
/// A policy or charging server: the built-in one listens on <see cref="Port"/>; with
/// <see cref="PeerHost"/> set, the built-in one does not start and the CSCF connects to that peer
/// (TCP <see cref="PeerPort"/>, Diameter identity <see cref="PeerIdentity"/>, realm <see cref="PeerRealm"/>).
/// </summary>
public sealed record PolicyChargingOptions
{
    public int Port { get; init; }

    public string? PeerHost { get; init; }

    public int PeerPort { get; init; } = 3868;

    public string? PeerIdentity { get; init; }

    public string? PeerRealm { get; init; }

    public bool IsThirdParty => !string.IsNullOrWhiteSpace(PeerHost);

    /// <summary>The server as the CSCF functions name it (the port stays with the edge).</summary>
    public PeerServer PeerServer() => new() { Host = PeerHost, Identity = PeerIdentity, Realm = PeerRealm };
}

/// <summary>Rx at the P-CSCF: whether sessions are authorised by the PCRF, and what happens when it cannot be reached.</summary>
public sealed record PolicyOptions
{
    public const string Continue = Ims.Functions.Catalog.CscfNetwork.WhenPcrfUnreachableContinue;

    public const string Refuse = Ims.Functions.Catalog.CscfNetwork.WhenPcrfUnreachableRefuse;

    /// <summary>AAR on session setup, STR at its end (TS 24.229 5.2.7, TS 29.214 4.4.1, 4.4.4).</summary>
    public bool Rx { get; init; } = true;

    /// <summary>"continue" (default: the call goes on without QoS) or "refuse" (503 to the caller) when the PCRF does not answer.</summary>
    public string WhenPcrfUnreachable { get; init; } = Continue;
}
