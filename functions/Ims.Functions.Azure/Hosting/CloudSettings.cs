using Ims.Functions.Catalog;
using Microsoft.Extensions.Configuration;

namespace Ims.Functions.Azure.Hosting;

/// <summary>
/// The app settings the worker reads. Names match what bicep/modules/functions.bicep sets
/// (IMS_HomeDomain, IMS_StoreEndpoint, IMS_EventHubsNamespace, IMS_DecisionsHub, AZURE_CLIENT_ID, and the CSCFs'
/// IMS_Pcscf__Port ... as the edge container gets them); the connection-string forms serve a local run
/// (Azurite, a namespace with SAS).
/// </summary>
public sealed record CloudSettings
{
    public required string HomeDomain { get; init; }

    /// <summary>Table endpoint reached with the managed identity (https://ACCOUNT.table.core.windows.net).</summary>
    public Uri? StoreEndpoint { get; init; }

    /// <summary>Table storage connection string (Azurite: UseDevelopmentStorage=true); used when no endpoint is set.</summary>
    public string? StoreConnection { get; init; }

    /// <summary>Event Hubs namespace host reached with the managed identity (NAME.servicebus.windows.net).</summary>
    public string? EventHubsNamespace { get; init; }

    /// <summary>Event Hubs namespace connection string; used when no namespace host is set.</summary>
    public string? EventHubsConnection { get; init; }

    /// <summary>Consumer group of the events hub that the worker's processors share.</summary>
    public string EventHubsConsumerGroup { get; init; } = "$Default";

    /// <summary>Whether the worker hosts the Event Hubs processor (on by default when a namespace is configured).</summary>
    public bool HostEventHubsProcessor { get; init; } = true;

    /// <summary>
    /// The hub the worker publishes its decision records to (IMS_DecisionsHub, e.g. ims-decisions), on the
    /// bus's namespace unless <see cref="DecisionsConnection"/> names another; unset, nothing is published.
    /// </summary>
    public string? DecisionsHub { get; init; }

    /// <summary>Connection string of the namespace of the decisions hub, when it is not the bus's (IMS_DecisionsConnection).</summary>
    public string? DecisionsConnection { get; init; }

    /// <summary>The token daprd sends in dapr-api-token (its APP_API_TOKEN); without it the Dapr entry refuses every push.</summary>
    public string? DaprAppToken { get; init; }

    /// <summary>Client id of the user-assigned managed identity.</summary>
    public string? ManagedIdentityClientId { get; init; }

    public IReadOnlyList<string> AllowedVisitedNetworks { get; init; } = [];

    /// <summary>S-CSCF names the HSS offers (IMS_ScscfNames); unset, the home S-CSCF, as `ims up` offers it.</summary>
    public IReadOnlyList<string> ScscfNames { get; init; } = [];

    /// <summary>
    /// The CSCFs of the home network (IMS_Pcscf__Port, IMS_Policy__Rx ...): the worker runs the P-, I- and
    /// S-CSCF functions with the URIs and identities the edge it serves derives from the same values.
    /// </summary>
    public CscfNetwork Cscf { get; init; } = new();

    public bool HasEventHubs => EventHubsNamespace is not null || EventHubsConnection is not null;

    /// <summary>What `ims up` derives for the same home domain and CSCF values, with the cloud's visited networks and S-CSCF names.</summary>
    public ImsFunctionSettings Functions
    {
        get
        {
            var home = Cscf.FunctionSettings(HomeDomain) with { AllowedVisitedNetworks = AllowedVisitedNetworks };
            return ScscfNames.Count > 0 ? home with { ScscfNames = ScscfNames } : home;
        }
    }

    /// <summary>Reads the settings; a missing or malformed one is named in the exception, so the worker fails at start, not on the first request.</summary>
    public static CloudSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var homeDomain = Text(configuration, "IMS_HomeDomain")
            ?? throw new InvalidOperationException("IMS_HomeDomain is not set: the home network's domain, e.g. ims.mnc001.mcc001.3gppnetwork.org");
        Uri? endpoint = null;
        if (Text(configuration, "IMS_StoreEndpoint") is { } endpointText
            && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("https" or "http")))
        {
            throw new InvalidOperationException($"IMS_StoreEndpoint must be an http(s) URL, not '{endpointText}'");
        }

        var connection = Text(configuration, "IMS_StoreConnection");
        if (endpoint is null && connection is null)
        {
            throw new InvalidOperationException("set IMS_StoreEndpoint (managed identity) or IMS_StoreConnection (connection string) for the subscriber tables");
        }

        var cscf = CscfAppSettings.Read(configuration);
        var processor = Text(configuration, "IMS_EventHubsProcessor");
        if (processor is not null && !bool.TryParse(processor, out _))
        {
            throw new InvalidOperationException($"IMS_EventHubsProcessor must be true or false, not '{processor}'");
        }

        var decisionsHub = Text(configuration, "IMS_DecisionsHub");
        var decisionsConnection = Text(configuration, "IMS_DecisionsConnection");
        if (decisionsHub is not null && decisionsConnection is null
            && Text(configuration, "IMS_EventHubsNamespace") is null && Text(configuration, "IMS_EventHubsConnection") is null)
        {
            throw new InvalidOperationException(
                "IMS_DecisionsHub is set but no Event Hubs namespace is: set IMS_EventHubsNamespace, IMS_EventHubsConnection or IMS_DecisionsConnection");
        }

        return new CloudSettings
        {
            HomeDomain = homeDomain,
            StoreEndpoint = endpoint,
            StoreConnection = connection,
            EventHubsNamespace = Text(configuration, "IMS_EventHubsNamespace"),
            EventHubsConnection = Text(configuration, "IMS_EventHubsConnection"),
            EventHubsConsumerGroup = Text(configuration, "IMS_EventHubsConsumerGroup") ?? "$Default",
            HostEventHubsProcessor = processor is null || bool.Parse(processor),
            DaprAppToken = Text(configuration, "IMS_DaprAppToken"),
            DecisionsHub = decisionsHub,
            DecisionsConnection = decisionsConnection,
            ManagedIdentityClientId = Text(configuration, "AZURE_CLIENT_ID"),
            AllowedVisitedNetworks = List(configuration, "IMS_AllowedVisitedNetworks"),
            ScscfNames = List(configuration, "IMS_ScscfNames"),
            Cscf = cscf,
        };
    }

    private static string? Text(IConfiguration configuration, string key) =>
        configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    // Comma-separated, as app settings are flat strings.
    private static string[] List(IConfiguration configuration, string key) =>
        Text(configuration, key)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
