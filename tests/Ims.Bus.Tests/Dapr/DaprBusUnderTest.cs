using Ims.Bus.Dapr;
using Ims.Bus.Tests.Contract;

namespace Ims.Bus.Tests.Dapr;

/// <summary>
/// The Dapr adapter wired for the contract at the SDK boundary: the real <see cref="DaprBus"/>
/// publishing through a subclassed <c>DaprClient</c>, and real <see cref="DaprSubscriber"/>s fed the
/// CloudEvents a sidecar would post, by <see cref="SimulatedSidecar"/>.
/// </summary>
internal sealed class DaprBusUnderTest(BusReports reports) : IBusUnderTest
{
    private readonly DaprBusOptions _options = new();
    private readonly SimulatedSidecar _sidecar = new();
    private int _raw;

    public IEventBus Bus => new DaprBus(new CapturingDaprClient(_sidecar), _options);

    public void SubscribeEvents(BusConsumer consumer) =>
        _sidecar.Subscribe(_options.EventsTopic, new DaprSubscriber(consumer, Options($"dapr {_options.EventsTopic}", null)));

    public void SubscribeCommands(string edgeId, BusConsumer consumer) =>
        _sidecar.Subscribe(_options.CommandsTopic(edgeId), new DaprSubscriber(consumer, Options($"dapr {_options.CommandsTopic(edgeId)}", edgeId)));

    public ValueTask DeliverRawEventAsync(byte[] payload)
    {
        _sidecar.DeliverRaw(_options.EventsTopic, payload, $"raw-{_raw++}");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DrainAsync() => await _sidecar.DrainAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private DaprSubscriptionOptions Options(string source, string? edgeId) => new()
    {
        Source = source,
        EdgeId = edgeId,
        Undeliverable = reports.OnUndeliverable,
        Malformed = reports.OnMalformed,
    };
}
