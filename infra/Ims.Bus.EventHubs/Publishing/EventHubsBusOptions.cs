namespace Ims.Bus.EventHubs;

/// <summary>The two hubs of the bus (bicep/modules/eventhubs.bicep creates them with these names).</summary>
public sealed record EventHubsBusOptions
{
    /// <summary>Events, edge to functions, partitioned by the envelope's key (IMPI/IMPU, Call-ID).</summary>
    public string EventsHub { get; init; } = "ims-events";

    /// <summary>Commands, functions to edge, partitioned by the target edge id.</summary>
    public string CommandsHub { get; init; } = "ims-commands";
}
