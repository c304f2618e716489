using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace Ims.Bus.Tests.EventHubs;

/// <summary>The SDK's producer with its network part replaced: sends land in a <see cref="SimulatedEventHub"/>.</summary>
public sealed class CapturingProducerClient(SimulatedEventHub hub) : EventHubProducerClient
{
    public SimulatedEventHub Hub { get; } = hub;

    public override Task SendAsync(IEnumerable<EventData> eventBatch, SendEventOptions options, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Hub.Send(eventBatch, options);
        return Task.CompletedTask;
    }

    public override Task SendAsync(IEnumerable<EventData> eventBatch, CancellationToken cancellationToken = default) =>
        SendAsync(eventBatch, null!, cancellationToken);

    public override Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
