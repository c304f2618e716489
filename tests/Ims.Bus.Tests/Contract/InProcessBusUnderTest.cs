namespace Ims.Bus.Tests.Contract;

/// <summary>
/// The in-process bus wired for the contract. Draining waits until every envelope published so far
/// was consumed or reported, so a consumer may publish again (a function's commands) while draining.
/// </summary>
internal sealed class InProcessBusUnderTest : IBusUnderTest, IEventBus
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    private readonly InProcessBus _bus;
    private readonly BusReports _reports;
    private int _pending;

    public InProcessBusUnderTest(BusReports reports)
    {
        _reports = reports;
        _bus = new InProcessBus(partitions: 4, undeliverable: OnUndeliverable, malformed: reports.OnMalformed);
    }

    public IEventBus Bus => this;

    public async ValueTask PublishAsync(Ims.Events.BusEnvelope envelope, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pending);
        await _bus.PublishAsync(envelope, cancellationToken);
    }

    public void SubscribeEvents(BusConsumer consumer) => _bus.SubscribeEvents(Counted(consumer));

    public void SubscribeCommands(string edgeId, BusConsumer consumer) => _bus.SubscribeCommands(edgeId, Counted(consumer));

    public async ValueTask DeliverRawEventAsync(byte[] payload)
    {
        Interlocked.Increment(ref _pending);
        if (!await _bus.PublishAsync(payload.AsMemory(), CancellationToken.None))
        {
            // Reported as malformed: nothing will be consumed.
            Interlocked.Decrement(ref _pending);
        }
    }

    public async ValueTask DrainAsync()
    {
        using var timeout = new CancellationTokenSource(DrainTimeout);
        while (Volatile.Read(ref _pending) > 0)
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    public ValueTask DisposeAsync() => _bus.DisposeAsync();

    private void OnUndeliverable(Ims.Events.BusEnvelope envelope, Exception error)
    {
        _reports.OnUndeliverable(envelope, error);
        Interlocked.Decrement(ref _pending);
    }

    // Counts an envelope as done when its consumer returns; a throw leaves it pending for redelivery.
    private BusConsumer Counted(BusConsumer consumer) => async (envelope, cancellationToken) =>
    {
        await consumer(envelope, cancellationToken);
        Interlocked.Decrement(ref _pending);
    };
}
