using Dapr.Client;
using Ims.Events;

namespace Ims.Bus.Dapr;

/// <summary>
/// The publishing side of the bus on Dapr pub/sub. The body is the envelope's UTF-8 JSON (source
/// generated, the format every bus shares), published as bytes so the SDK's reflection serialiser is
/// never involved; Dapr wraps it in a CloudEvent whose id and type are the envelope's.
/// </summary>
/// <remarks>
/// Ordering: the metadata <c>partitionKey</c> is honoured by the components that partition (Kafka,
/// Event Hubs, Pulsar): the envelope's key for events (IMPI/IMPU, Call-ID), the edge id for commands.
/// Routing: Dapr subscribers that share an app id compete for a topic's messages, so one shared
/// commands topic would hand a command to whichever edge replica came first. Commands therefore go to
/// a topic per edge (<see cref="DaprBusOptions.CommandsTopic"/>), to which only that edge subscribes.
/// </remarks>
public sealed class DaprBus : IEventBus
{
    /// <summary>Metadata key of the partition key (Dapr pub/sub components' common name).</summary>
    public const string PartitionKeyMetadata = "partitionKey";

    /// <summary>Metadata keys that override the CloudEvent's id and type that Dapr generates.</summary>
    public const string CloudEventIdMetadata = "cloudevent.id";

    public const string CloudEventTypeMetadata = "cloudevent.type";

    public const string ContentType = "application/json";

    private readonly DaprClient _client;
    private readonly DaprBusOptions _options;

    public DaprBus(DaprClient client, DaprBusOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new DaprBusOptions();
    }

    public async ValueTask PublishAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var isCommand = envelope.Message.IsCommand;
        var topic = isCommand ? _options.CommandsTopic(envelope.EdgeId) : _options.EventsTopic;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PartitionKeyMetadata] = isCommand ? envelope.EdgeId : envelope.PartitionKey,
            [CloudEventIdMetadata] = envelope.Id,
            [CloudEventTypeMetadata] = envelope.Type,
        };
        await _client.PublishByteEventAsync(
            _options.PubSubName,
            topic,
            BusEnvelopeJson.Serialize(envelope),
            ContentType,
            metadata,
            cancellationToken).ConfigureAwait(false);
    }
}
