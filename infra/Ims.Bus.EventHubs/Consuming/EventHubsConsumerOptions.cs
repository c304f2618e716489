using Azure.Messaging.EventHubs.Primitives;

namespace Ims.Bus.EventHubs;

/// <summary>What an <see cref="EventHubsEnvelopeProcessor"/> reads and whom it tells about trouble.</summary>
public sealed record EventHubsConsumerOptions
{
    public required string EventHubName { get; init; }

    public string ConsumerGroup { get; init; } = "$Default";

    /// <summary>
    /// Set on an edge's command consumer: only commands naming this edge are carried out; the others,
    /// read because the edge reads the whole commands hub, are skipped (see <see cref="EventHubsBus"/>).
    /// </summary>
    public string? EdgeId { get; init; }

    /// <summary>Events handed to one batch; the checkpoint is written after each batch.</summary>
    public int MaxBatchSize { get; init; } = 32;

    public int MaxAttempts { get; init; } = BusDelivery.DefaultMaxAttempts;

    public UndeliverableEnvelope? Undeliverable { get; init; }

    public MalformedPayload? Malformed { get; init; }

    /// <summary>Errors the processor reports from its own work (load balancing, reading): partition id or null, operation, error.</summary>
    public Action<string?, string, Exception>? ProcessingError { get; init; }

    /// <summary>SDK options (load-balancing strategy, wait time, retry, default starting position).</summary>
    public EventProcessorOptions? ProcessorOptions { get; init; }

    /// <summary>The functions side: every event of the events hub, in the shared consumer group.</summary>
    public static EventHubsConsumerOptions ForEvents(EventHubsBusOptions bus, string consumerGroup = "$Default")
    {
        ArgumentNullException.ThrowIfNull(bus);
        return new EventHubsConsumerOptions { EventHubName = bus.EventsHub, ConsumerGroup = consumerGroup };
    }

    /// <summary>
    /// An edge's commands: the commands hub in a consumer group of the edge's own (by default named
    /// after it), so that no other edge's load balancer takes a partition away from it. The group must
    /// exist in the namespace: the Basic tier has only $Default, which serves a single edge.
    /// </summary>
    public static EventHubsConsumerOptions ForCommands(EventHubsBusOptions bus, string edgeId, string? consumerGroup = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentException.ThrowIfNullOrEmpty(edgeId);
        return new EventHubsConsumerOptions { EventHubName = bus.CommandsHub, ConsumerGroup = consumerGroup ?? edgeId, EdgeId = edgeId };
    }
}
