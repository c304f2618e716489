using Azure.Messaging.EventHubs.Producer;
using Ims.Events;

namespace Ims.Bus.EventHubs;

/// <summary>
/// The publishing side of the bus on Azure Event Hubs. Events go to the events hub with the envelope's
/// partition key, so one IMPI/IMPU or Call-ID always lands in one partition and is read in order.
/// Commands go to the commands hub with the target edge id as partition key.
/// </summary>
/// <remarks>
/// How commands find their edge: Event Hubs has no per-message routing or subscription filter, and the
/// service's key-to-partition hash is not published, so an edge cannot compute which partition its key
/// maps to. The edge id as partition key keeps all commands for one edge in one partition, in order;
/// each edge reads the commands hub in its OWN consumer group (see
/// <see cref="EventHubsEnvelopeProcessor"/> with an edge filter), so it sees every partition, carries
/// out the commands that name it and skips the rest after reading them. Reads grow with the number of
/// edges (every edge reads every command), which is cheap for the handful of edges a deployment runs
/// and bounded by the tier's consumer-group limit.
/// <para>
/// Each publish is one acknowledged send: when <see cref="PublishAsync"/> returns, the event is durable
/// in the hub. The buffered producer would batch better but acknowledges later, through a handler,
/// which would let the edge believe a request was handed over when it was not.
/// </para>
/// </remarks>
public sealed class EventHubsBus : IEventBus, IAsyncDisposable
{
    private readonly EventHubProducerClient _events;
    private readonly EventHubProducerClient _commands;
    private readonly bool _ownsClients;

    /// <param name="events">Producer for the events hub.</param>
    /// <param name="commands">Producer for the commands hub.</param>
    /// <param name="ownsClients">Whether disposing the bus disposes the producers.</param>
    public EventHubsBus(EventHubProducerClient events, EventHubProducerClient commands, bool ownsClients = true)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(commands);
        _events = events;
        _commands = commands;
        _ownsClients = ownsClients;
    }

    /// <summary>A bus on the namespace of <paramref name="connectionString"/> (no EntityPath in it).</summary>
    public static EventHubsBus FromConnectionString(string connectionString, EventHubsBusOptions? options = null)
    {
        options ??= new EventHubsBusOptions();
        return new EventHubsBus(
            new EventHubProducerClient(connectionString, options.EventsHub),
            new EventHubProducerClient(connectionString, options.CommandsHub));
    }

    /// <summary>A bus on <paramref name="fullyQualifiedNamespace"/> with an Entra ID credential (managed identity in Azure).</summary>
    public static EventHubsBus FromNamespace(string fullyQualifiedNamespace, Azure.Core.TokenCredential credential, EventHubsBusOptions? options = null)
    {
        options ??= new EventHubsBusOptions();
        return new EventHubsBus(
            new EventHubProducerClient(fullyQualifiedNamespace, options.EventsHub, credential),
            new EventHubProducerClient(fullyQualifiedNamespace, options.CommandsHub, credential));
    }

    public async ValueTask PublishAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var producer = envelope.Message.IsCommand ? _commands : _events;
        var options = new SendEventOptions { PartitionKey = PartitionKeyOf(envelope) };
        await producer.SendAsync([EventHubsEnvelope.ToEventData(envelope)], options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The partition key an envelope is sent with: the target edge for a command, the envelope's key for an event.</summary>
    public static string PartitionKeyOf(BusEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.Message.IsCommand ? envelope.EdgeId : envelope.PartitionKey;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsClients)
        {
            await _events.DisposeAsync().ConfigureAwait(false);
            await _commands.DisposeAsync().ConfigureAwait(false);
        }
    }
}
