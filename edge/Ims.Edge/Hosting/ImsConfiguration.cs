using Microsoft.Extensions.Configuration;

namespace Ims.Edge.Hosting;

/// <summary>Reads <see cref="ImsOptions"/>: defaults, then the file, then IMS_ environment variables.</summary>
public static class ImsConfiguration
{
    public const string DefaultFile = "ims.json";

    /// <summary>
    /// The options, or an error for a missing explicit file, malformed JSON or a value of the wrong type.
    /// An absent ims.json in the working folder is not an error: the defaults serve.
    /// </summary>
    public static ImsOptions? Load(string? file, IDictionary<string, string?>? overrides, out string? error)
    {
        var path = file ?? DefaultFile;
        if (file is not null && !File.Exists(file))
        {
            error = $"config file not found: {file}";
            return null;
        }

        try
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.GetFullPath(path), optional: file is null, reloadOnChange: false)
                .AddEnvironmentVariables("IMS_")
                .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
                .Build();
            var options = new ImsOptions();
            configuration.Bind(options, o => o.ErrorOnUnknownConfiguration = false);
            error = Validate(options);
            return error is null ? options : null;
        }
        catch (InvalidDataException ex)
        {
            error = $"config file {path} is not valid JSON: {ex.InnerException?.Message ?? ex.Message}";
            return null;
        }
        catch (InvalidOperationException ex)
        {
            error = $"bad setting: {ex.InnerException?.Message ?? ex.Message}";
            return null;
        }
        catch (FormatException ex)
        {
            error = $"bad setting: {ex.Message}";
            return null;
        }
    }

    /// <summary>
    /// A third-party OCS or PCRF (<c>PeerHost</c> set): a host name or address, a TCP port, and a
    /// Diameter identity and realm that are names (RFC 6733 4.3 DiameterIdentity). Identity or realm
    /// without a host would be silently ignored, so they are refused.
    /// </summary>
    private static string? PeerProblem(string role, PolicyChargingOptions peer)
    {
        if (!peer.IsThirdParty)
        {
            return peer.PeerIdentity is not null || peer.PeerRealm is not null
                ? $"{role}:PeerIdentity and {role}:PeerRealm need {role}:PeerHost (the third-party server to connect to)"
                : null;
        }

        if (System.Uri.CheckHostName(peer.PeerHost!.Trim()) == UriHostNameType.Unknown)
        {
            return $"{role}:PeerHost must be a host name or IP address, not '{peer.PeerHost}'";
        }

        if (peer.PeerPort is < 1 or > 65535)
        {
            return $"{role}:PeerPort must be a port number 1-65535, not {peer.PeerPort}";
        }

        foreach (var (name, value) in new[] { ("PeerIdentity", peer.PeerIdentity), ("PeerRealm", peer.PeerRealm) })
        {
            if (value is not null && System.Uri.CheckHostName(value.Trim()) != UriHostNameType.Dns)
            {
                return $"{role}:{name} must be a Diameter identity (a DNS name), not '{value}'";
            }
        }

        return null;
    }

    private static string? Validate(ImsOptions options)
    {
        foreach (var (name, port) in new[]
                 {
                     ("Pcscf:Port", options.Pcscf.Port), ("Icscf:Port", options.Icscf.Port), ("Scscf:Port", options.Scscf.Port),
                     ("Hss:Port", options.Hss.Port), ("Ocs:Port", options.Ocs.Port), ("Pcrf:Port", options.Pcrf.Port), ("AdminPort", options.AdminPort),
                 })
        {
            if (port is < 1 or > 65535)
            {
                return $"{name} must be a port number 1-65535, not {port}";
            }
        }

        if ((PeerProblem("Ocs", options.Ocs) ?? PeerProblem("Pcrf", options.Pcrf)) is { } peer)
        {
            return peer;
        }

        if (!System.Net.IPAddress.TryParse(options.Bind, out _))
        {
            return $"Bind must be an IP address, not '{options.Bind}'";
        }

        if (options.Store is not ("embedded" or "azure"))
        {
            return $"Store must be 'embedded' or 'azure', not '{options.Store}'";
        }

        if (options.Registration.MinExpires < 1 || options.Registration.MinExpires > options.Registration.MaxExpires
            || options.Registration.DefaultExpires < options.Registration.MinExpires || options.Registration.DefaultExpires > options.Registration.MaxExpires)
        {
            return "Registration:MinExpires <= DefaultExpires <= MaxExpires must hold, all at least 1 second";
        }

        if (!(options.Isc.ApplicationServerTimeout is >= 0.5 and <= 32))
        {
            // Beyond Timer B (64*T1) the transaction would give up first.
            return $"Isc:ApplicationServerTimeout must be 0.5-32 seconds, not {options.Isc.ApplicationServerTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        if (options.Policy.WhenPcrfUnreachable is not (PolicyOptions.Continue or PolicyOptions.Refuse))
        {
            return $"Policy:WhenPcrfUnreachable must be 'continue' or 'refuse', not '{options.Policy.WhenPcrfUnreachable}'";
        }

        if (options.Charging.RequestedSeconds is < 1 or > 86400)
        {
            return $"Charging:RequestedSeconds must be 1-86400, not {options.Charging.RequestedSeconds}";
        }

        if (!(string.Equals(options.Charging.FailureHandling, "TERMINATE", StringComparison.OrdinalIgnoreCase)
              || string.Equals(options.Charging.FailureHandling, "CONTINUE", StringComparison.OrdinalIgnoreCase)))
        {
            return $"Charging:FailureHandling must be 'TERMINATE' or 'CONTINUE', not '{options.Charging.FailureHandling}'";
        }

        if (options.Bus is not ("inprocess" or "eventhubs"))
        {
            return $"Bus must be 'inprocess' or 'eventhubs', not '{options.Bus}'";
        }

        if (options.Bus == "eventhubs" && options.EventHubsNamespace is null && options.EventHubsConnection is null)
        {
            return "Bus 'eventhubs' needs EventHubsNamespace (managed identity) or EventHubsConnection";
        }

        if (options.Bus == "eventhubs" && options.Store != "azure")
        {
            return "Bus 'eventhubs' needs Store 'azure': the Functions app and the edge share the tables";
        }

        if (options.Store == "azure" && options.StoreConnection is null && options.StoreEndpoint is null)
        {
            return "Store 'azure' needs StoreConnection (or --connection) or StoreEndpoint";
        }

        if (string.IsNullOrWhiteSpace(options.HomeDomain) || options.HomeDomain.Contains(' ', StringComparison.Ordinal))
        {
            return $"HomeDomain must be a domain name, not '{options.HomeDomain}'";
        }

        return null;
    }
}
