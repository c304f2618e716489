using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;

namespace Ims.Functions.Azure.Tests.Fakes;

/// <summary>
/// The consumer client at its SDK boundary: one partition holding the given bodies, in order, made into
/// received events by <see cref="EventHubsModelFactory"/>; after them the partition reads as idle.
/// </summary>
internal sealed class ScriptedHub(string name, IReadOnlyList<byte[]> bodies, DateTimeOffset enqueued) : EventHubConsumerClient
{
    public override Task<string[]> GetPartitionIdsAsync(CancellationToken cancellationToken = default) => Task.FromResult(new[] { "0" });

    public override async IAsyncEnumerable<PartitionEvent> ReadEventsFromPartitionAsync(
        string partitionId, EventPosition startingPosition, ReadEventOptions readOptions, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var context = EventHubsModelFactory.PartitionContext("ims.servicebus.windows.net", name, "$Default", partitionId);
        for (var i = 0; i < bodies.Count; i++)
        {
            yield return new PartitionEvent(context, EventHubsModelFactory.EventData(
                new BinaryData(bodies[i]), new Dictionary<string, object>(), new Dictionary<string, object>(), "key", i,
                (i * 100).ToString(CultureInfo.InvariantCulture), enqueued));
        }

        // An idle partition: the real client yields an empty event when the wait ends.
        await Task.Yield();
        yield return new PartitionEvent(context, null);
    }
}
