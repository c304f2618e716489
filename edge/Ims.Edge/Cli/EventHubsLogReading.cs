using Azure.Messaging.EventHubs.Consumer;
using Ims.Replay.EventHubs;
using Ims.EventLog;

namespace Ims.Edge.Cli;

/// <summary>`ims replay --eventhubs`: the recorded window read back from the hub's retention with the default consumer group.</summary>
internal static class EventHubsLogReading
{
    public static async Task<IReadOnlyList<EventLogReadItem>> ReadAsync(string connection, string hub, DateTimeOffset? from, DateTimeOffset? to, long? offset, CancellationToken cancellationToken)
    {
        await using var consumer = new EventHubConsumerClient(EventHubConsumerClient.DefaultConsumerGroupName, connection, hub);
        var items = new List<EventLogReadItem>();
        await foreach (var item in new EventHubsLogReader(consumer, TimeSpan.FromSeconds(5)).ReadAsync(from, to, offset, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }
}
