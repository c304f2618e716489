using Azure.Messaging.EventHubs;
using Ims.Bus.EventHubs;

namespace Ims.Bus.Tests.EventHubs;

/// <summary>
/// Plays the SDK's partition pump for one <see cref="EventHubsEnvelopeProcessor"/> at the SDK
/// boundary: each partition of the hub is read in order, in batches, by one task, and partitions run
/// concurrently. It does not load-balance or talk to a broker.
/// </summary>
public sealed class ProcessorReader(EventHubsEnvelopeProcessor processor, SimulatedEventHub hub, int batchSize = 10)
{
    private readonly int[] _positions = new int[hub.PartitionCount];

    public EventHubsEnvelopeProcessor Processor { get; } = processor;

    /// <summary>Reads every partition to its end; true when anything was read.</summary>
    public async Task<bool> ReadToEndAsync()
    {
        var progressed = await Task.WhenAll(Enumerable.Range(0, hub.PartitionCount).Select(ReadPartitionAsync));
        return progressed.Any(p => p);
    }

    private async Task<bool> ReadPartitionAsync(int partition)
    {
        var events = hub.Partition(partition);
        var read = false;
        while (_positions[partition] < events.Count)
        {
            var batch = events.Skip(_positions[partition]).Take(batchSize).ToArray();
            await Processor.HandleBatchAsync(batch, partition.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
            _positions[partition] += batch.Length;
            read = true;
        }

        return read;
    }
}

/// <summary>Test helpers for processors built offline.</summary>
public static class TestProcessors
{
    /// <summary>A syntactically valid connection string: the processor parses it but, never started, never connects.</summary>
    public const string ConnectionString = "Endpoint=sb://ims-test.servicebus.windows.net/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA==";

    public const string Namespace = "ims-test.servicebus.windows.net";
}
