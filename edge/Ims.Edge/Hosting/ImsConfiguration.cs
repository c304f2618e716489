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

    /// <summary>The TCP port of a third-party OCS or PCRF: the edge connects to it, the functions never see it.</summary>
    private static string? PeerPortProblem(string role, PolicyChargingOptions peer) =>
        peer.IsThirdParty && peer.PeerPort is < 1 or > 65535
            ? $"{role}:PeerPort must be a port number 1-65535, not {peer.PeerPort}"
            : null;

    /// <summary>
    /// Advertise goes into Via sent-by (RFC 3261 25.1: host = hostname / IPv4address / IPv6reference),
    /// so it must be a host without a port, and never a wildcard.
    /// </summary>
    private static string? AdvertiseProblem(ImsOptions options)
    {
        if (options.Advertise is null)
        {
            // A wildcard bind names no host a peer could send to, and guessing one of this machine's
            // addresses is wrong exactly where a wildcard is used (a container behind NAT): the
            // operator says which address the network reaches this edge on.
            return options.BindsWildcard()
                ? $"Bind {options.Bind} listens on every address but cannot be put in a Via: give the address peers reach this edge on with --advertise (config Advertise)"
                : null;
        }

        var advertise = options.Advertise;
        var isAddress = System.Net.IPAddress.TryParse(advertise, out var address);
        if (isAddress && (address!.Equals(System.Net.IPAddress.Any) || address.Equals(System.Net.IPAddress.IPv6Any)))
        {
            return $"Advertise must be an address peers can reach, not the wildcard '{advertise}'";
        }

        if (!isAddress && Uri.CheckHostName(advertise) != UriHostNameType.Dns)
        {
            return $"Advertise must be an IP address or host name, not '{advertise}'";
        }

        return null;
    }

    private static string? Validate(ImsOptions options)
    {
        foreach (var (name, port) in new[]
                 {
                     ("Hss:Port", options.Hss.Port), ("Ocs:Port", options.Ocs.Port), ("Pcrf:Port", options.Pcrf.Port), ("AdminPort", options.AdminPort),
                 })
        {
            if (port is < 1 or > 65535)
            {
                return $"{name} must be a port number 1-65535, not {port}";
            }
        }

        // The CSCFs' own settings are checked where the Functions app checks its copy of them.
        if ((options.CscfNetwork().Problem(key => key) ?? PeerPortProblem("Ocs", options.Ocs) ?? PeerPortProblem("Pcrf", options.Pcrf)) is { } cscf)
        {
            return cscf;
        }

        if (!System.Net.IPAddress.TryParse(options.Bind, out _))
        {
            return $"Bind must be an IP address, not '{options.Bind}'";
        }

        if (AdvertiseProblem(options) is { } advertise)
        {
            return advertise;
        }

        if (options.Store is not ("embedded" or "azure"))
        {
            return $"Store must be 'embedded' or 'azure', not '{options.Store}'";
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
