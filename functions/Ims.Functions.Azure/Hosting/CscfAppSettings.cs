using System.Globalization;
using Ims.Functions.Catalog;
using Microsoft.Extensions.Configuration;

namespace Ims.Functions.Azure.Hosting;

/// <summary>
/// The CSCFs' app settings: the edge's configuration keys with its IMS_ prefix and `__` between
/// levels (IMS_Pcscf__Port, IMS_Policy__Rx ...), so that one set of values configures the edge
/// container and the Function App, and both derive the same URIs and Diameter identities. Unset,
/// each takes the default `ims up` has.
/// </summary>
internal static class CscfAppSettings
{
    public static CscfNetwork Read(IConfiguration configuration)
    {
        var defaults = new CscfNetwork();
        var network = new CscfNetwork
        {
            PcscfPort = Whole(configuration, "Pcscf:Port") ?? defaults.PcscfPort,
            IcscfPort = Whole(configuration, "Icscf:Port") ?? defaults.IcscfPort,
            ScscfPort = Whole(configuration, "Scscf:Port") ?? defaults.ScscfPort,
            Pcrf = Peer(configuration, "Pcrf"),
            Ocs = Peer(configuration, "Ocs"),
            Rx = Switch(configuration, "Policy:Rx") ?? defaults.Rx,
            WhenPcrfUnreachable = Text(configuration, "Policy:WhenPcrfUnreachable") ?? defaults.WhenPcrfUnreachable,
            ChargingOnline = Switch(configuration, "Charging:Online") ?? defaults.ChargingOnline,
            ChargingRequestedSeconds = Whole(configuration, "Charging:RequestedSeconds") ?? defaults.ChargingRequestedSeconds,
            ChargingFailureHandling = Text(configuration, "Charging:FailureHandling") ?? defaults.ChargingFailureHandling,
            DefaultExpires = Whole(configuration, "Registration:DefaultExpires") ?? defaults.DefaultExpires,
            MinExpires = Whole(configuration, "Registration:MinExpires") ?? defaults.MinExpires,
            MaxExpires = Whole(configuration, "Registration:MaxExpires") ?? defaults.MaxExpires,
            ApplicationServerTimeout = Seconds(configuration, "Isc:ApplicationServerTimeout") ?? defaults.ApplicationServerTimeout,
        };
        return network.Problem(Name) is { } problem ? throw new InvalidOperationException(problem) : network;
    }

    /// <summary>The app setting of an edge key: Pcscf:Port is IMS_Pcscf__Port.</summary>
    public static string Name(string key) => "IMS_" + key.Replace(":", "__", StringComparison.Ordinal);

    // The Functions host reads app settings as environment variables, whose `__` becomes `:`; other
    // configuration sources (a test's, local.settings.json) may keep the name as written.
    private static string? Text(IConfiguration configuration, string key)
    {
        var value = configuration["IMS_" + key] ?? configuration[Name(key)];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static PeerServer Peer(IConfiguration configuration, string role) => new()
    {
        Host = Text(configuration, role + ":PeerHost"),
        Identity = Text(configuration, role + ":PeerIdentity"),
        Realm = Text(configuration, role + ":PeerRealm"),
    };

    private static int? Whole(IConfiguration configuration, string key) =>
        Text(configuration, key) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new InvalidOperationException($"{Name(key)} must be a whole number, not '{text}'");

    private static bool? Switch(IConfiguration configuration, string key) =>
        Text(configuration, key) is not { } text ? null
        : bool.TryParse(text, out var value) ? value
        : throw new InvalidOperationException($"{Name(key)} must be true or false, not '{text}'");

    private static double? Seconds(IConfiguration configuration, string key) =>
        Text(configuration, key) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw new InvalidOperationException($"{Name(key)} must be a number of seconds, not '{text}'");
}
