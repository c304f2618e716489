using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace Ims.Functions.Azure.Tests.Fakes;

/// <summary>
/// The producer client at its SDK boundary (no Event Hubs broker runs here): batches come from
/// <see cref="EventHubsModelFactory"/>, and what is sent is kept with the partition key it was sent
/// with. <see cref="Failure"/> makes every send throw; <see cref="Gate"/> holds every send until it completes.
/// </summary>
internal sealed class CapturingProducer : EventHubProducerClient
{
    private readonly Dictionary<EventDataBatch, (string? PartitionKey, List<EventData> Events)> _open = [];

    public List<(string? PartitionKey, byte[] Body)> Sent { get; } = [];

    public Exception? Failure { get; set; }

    public TaskCompletionSource? Gate { get; set; }

    public override ValueTask<EventDataBatch> CreateBatchAsync(CreateBatchOptions options, CancellationToken cancellationToken = default)
    {
        var events = new List<EventData>();
        var batch = EventHubsModelFactory.EventDataBatch(1024 * 1024, events, options);
        lock (_open)
        {
            _open[batch] = (options?.PartitionKey, events);
        }

        return ValueTask.FromResult(batch);
    }

    public override async Task SendAsync(EventDataBatch eventBatch, CancellationToken cancellationToken = default)
    {
        if (Gate is { } gate)
        {
            await gate.Task.ConfigureAwait(false);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        lock (_open)
        {
            var (key, events) = _open[eventBatch];
            Sent.AddRange(events.Select(e => (key, e.EventBody.ToArray())));
        }
    }

    public override Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
