using System.Runtime.CompilerServices;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;

namespace Ims.Replay.Tests.EventHubs;

/// <summary>
/// The consumer client at its SDK boundary (no Event Hubs broker runs here): partitions hold events
/// made by <see cref="EventHubsModelFactory"/>; once a partition's events are read, it behaves as an
/// idle partition does, yielding empty reads after each wait, for as long as it is asked.
/// </summary>
internal sealed class ScriptedPartitions(IReadOnlyDictionary<string, IReadOnlyList<EventData>> partitions) : EventHubConsumerClient
{
    public List<(string Partition, EventPosition Position, TimeSpan? Wait)> Reads { get; } = [];

    /// <summary>Empty reads handed out after a partition's events: a reader that never stops shows here.</summary>
    public int EmptyReads { get; private set; }

    public override Task<string[]> GetPartitionIdsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(partitions.Keys.ToArray());

    public override async IAsyncEnumerable<PartitionEvent> ReadEventsFromPartitionAsync(
        string partitionId, EventPosition startingPosition, ReadEventOptions readOptions, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Reads.Add((partitionId, startingPosition, readOptions?.MaximumWaitTime));
        var context = EventHubsModelFactory.PartitionContext("ims.servicebus.windows.net", "ims-events", "$Default", partitionId);
        foreach (var data in partitions[partitionId])
        {
            yield return new PartitionEvent(context, data);
        }

        // An idle partition: the real client yields an empty event each time the wait ends.
        for (var i = 0; i < 100; i++)
        {
            await Task.Yield();
            EmptyReads++;
            yield return new PartitionEvent(context, null);
        }

        throw new InvalidOperationException("the reader kept reading an idle partition");
    }
}
