using Ims.Bus.EventHubs;
using Ims.Bus.Tests.Contract;
using Ims.Storage.Embedded;

namespace Ims.Bus.Tests.EventHubs;

/// <summary>
/// The Event Hubs adapter wired for the contract at the SDK boundary: the real <see cref="EventHubsBus"/>
/// publishing through a subclassed producer into <see cref="SimulatedEventHub"/>s, and real
/// <see cref="EventHubsEnvelopeProcessor"/>s (checkpoints in the embedded table store) fed what was
/// sent, partition by partition. Draining reads until no partition has anything new, so commands a
/// consumer publishes while draining are read too.
/// </summary>
internal sealed class EventHubsBusUnderTest : IBusUnderTest
{
    private readonly BusReports _reports;
    private readonly SimulatedEventHub _events = new("ims-events");
    private readonly SimulatedEventHub _commands = new("ims-commands");
    private readonly List<ProcessorReader> _readers = [];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ims-bus-eh-" + Guid.NewGuid().ToString("N"));
    private readonly EmbeddedTableStore _store;
    private readonly TableCheckpointStore _checkpoints;
    private readonly EventHubsBus _bus;
    private int _raw;

    public EventHubsBusUnderTest(BusReports reports)
    {
        _reports = reports;
        _store = EmbeddedTableStore.Open(_folder);
        _checkpoints = new TableCheckpointStore(_store, TimeProvider.System);
        _bus = new EventHubsBus(new CapturingProducerClient(_events), new CapturingProducerClient(_commands));
    }

    public IEventBus Bus => _bus;

    public void SubscribeEvents(BusConsumer consumer) =>
        Add(EventHubsConsumerOptions.ForEvents(new EventHubsBusOptions()), consumer, _events);

    public void SubscribeCommands(string edgeId, BusConsumer consumer) =>
        Add(EventHubsConsumerOptions.ForCommands(new EventHubsBusOptions(), edgeId), consumer, _commands);

    public ValueTask DeliverRawEventAsync(byte[] payload)
    {
        _events.SendRaw(payload, $"raw-{_raw++}");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DrainAsync()
    {
        var progressed = true;
        while (progressed)
        {
            progressed = false;
            foreach (var reader in _readers)
            {
                progressed |= await reader.ReadToEndAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.DisposeAsync();
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void Add(EventHubsConsumerOptions options, BusConsumer consumer, SimulatedEventHub hub)
    {
        options = options with { Undeliverable = _reports.OnUndeliverable, Malformed = _reports.OnMalformed };
        _readers.Add(new ProcessorReader(new EventHubsEnvelopeProcessor(_checkpoints, TestProcessors.ConnectionString, options, consumer), hub));
    }
}
