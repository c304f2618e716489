namespace Ims.Bus.Dapr;

/// <summary>Names of the Dapr pub/sub component and topics the bus uses.</summary>
public sealed record DaprBusOptions
{
    /// <summary>The pub/sub component (metadata.name of its Component resource).</summary>
    public string PubSubName { get; init; } = "ims-pubsub";

    /// <summary>Events, edge to functions.</summary>
    public string EventsTopic { get; init; } = "ims-events";

    /// <summary>Commands go to one topic per edge: this prefix and the edge id.</summary>
    public string CommandsTopicPrefix { get; init; } = "ims-commands.";

    /// <summary>Where the component's dead-letter topic sends what a subscriber dropped, if configured.</summary>
    public string? DeadLetterTopic { get; init; } = "ims-deadletter";

    /// <summary>The topic carrying commands for <paramref name="edgeId"/>.</summary>
    public string CommandsTopic(string edgeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(edgeId);
        return CommandsTopicPrefix + edgeId;
    }
}
