using Azure.Messaging.EventHubs.Consumer;
using Ims.Edge.Core;
using Ims.Replay.EventHubs;
using Ims.EventLog;

namespace Ims.Edge.Cli;

/// <summary>
/// `ims replay --eventhubs`: the recorded window read back from the hubs' retention with the default
/// consumer group: the events hub (--hub), then the commands hub and the decisions hub when named.
/// </summary>
internal static class EventHubsLogReading
{
    /// <summary>
    /// A command or a decision is enqueued after its event: the other hubs are read this much past
    /// --to, so the last events of the window keep theirs (records of later events are never steps).
    /// </summary>
    public static readonly TimeSpan AnswerGrace = TimeSpan.FromMinutes(1);

    /// <summary>The hubs to read: the events hub, and optionally the commands hub and the decisions hub.</summary>
    public sealed record Hubs(string Events, string? Commands, string? Decisions)
    {
        public IEnumerable<string> Names => new[] { Events, Commands, Decisions }.OfType<string>();
    }

    public static async Task<IReadOnlyList<EventLogReadItem>> ReadAsync(string connection, Hubs hubs, DateTimeOffset? from, DateTimeOffset? to, long? offset, CancellationToken cancellationToken)
    {
        var items = new List<EventLogReadItem>();
        await ReadHubAsync(connection, hubs.Events, from, to, offset, items, cancellationToken).ConfigureAwait(false);
        foreach (var hub in new[] { hubs.Commands, hubs.Decisions }.OfType<string>())
        {
            // An offset belongs to the events hub's partitions; the other hubs start at --from (or their earliest).
            await ReadHubAsync(connection, hub, from, to + AnswerGrace, null, items, cancellationToken).ConfigureAwait(false);
        }

        return items;
    }

    private static async Task ReadHubAsync(string connection, string hub, DateTimeOffset? from, DateTimeOffset? to, long? offset, List<EventLogReadItem> items, CancellationToken cancellationToken)
    {
        await using var consumer = new EventHubConsumerClient(EventHubConsumerClient.DefaultConsumerGroupName, connection, hub);
        // The bus carries secrets (a Digest response, CK, IK, XRES); the file log never holds them, nor does replay's output.
        var reader = new EventHubsLogReader(consumer, TimeSpan.FromSeconds(5), new SecretRedactor(), hub);
        await foreach (var item in reader.ReadAsync(from, to, offset, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }
    }
}
