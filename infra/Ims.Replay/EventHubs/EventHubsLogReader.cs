using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Messaging.EventHubs.Consumer;
using Ims.Bus.EventHubs;
using Ims.EventLog;

namespace Ims.Replay.EventHubs;

/// <summary>
/// The event log in the cloud is Event Hubs' own retention: this reads it back, every partition from
/// a time (or an offset) up to an end time, as log items replay understands. An event body is either
/// a log line (checksummed record, from a hub a host writes its decisions to) or a bare envelope.
/// A body that is neither is reported with its partition and offset, as a damaged file line is.
/// </summary>
/// <remarks>
/// The cloud's log is three hubs read one after another: the events hub and the commands hub (bare
/// envelopes, as the bus carries them) and the decisions hub the Functions app publishes to (log
/// lines: decisions with their store calls, host starts). Bare envelopes hold what the bus carried,
/// secrets included; with a <paramref name="redactor"/> they are redacted and marked as the file log's
/// writer does, so replay of either log sees the same records.
/// </remarks>
/// <param name="hub">The hub's name, put in the place of each item so that a damaged body is found among three hubs.</param>
public sealed class EventHubsLogReader(EventHubConsumerClient consumer, TimeSpan idle, IEventRedactor? redactor = null, string? hub = null)
{
    public async IAsyncEnumerable<EventLogReadItem> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, long? offset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = offset is { } start
            ? EventPosition.FromOffset(start.ToString(CultureInfo.InvariantCulture))
            : from is { } time ? EventPosition.FromEnqueuedTime(time) : EventPosition.Earliest;
        // Partitions are read one after another; replay orders steps by the log's order within a partition key.
        foreach (var partition in await consumer.GetPartitionIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            var options = new ReadEventOptions { MaximumWaitTime = idle };
            await foreach (var received in consumer.ReadEventsFromPartitionAsync(partition, position, options, cancellationToken).ConfigureAwait(false))
            {
                // An empty read means the partition has been idle for the wait time: its end for now.
                if (received.Data is not { } data || (to is { } end && data.EnqueuedTime > end))
                {
                    break;
                }

                var place = hub is null
                    ? $"eventhubs partition {partition} offset {data.OffsetString}"
                    : $"eventhubs {hub} partition {partition} offset {data.OffsetString}";
                var body = data.EventBody.ToArray().AsSpan().TrimEnd((byte)'\n').ToArray();
                var record = EventLogLine.Decode(body, out var lineError);
                if (record is null)
                {
                    var envelope = EventHubsEnvelope.Read(data, out var envelopeError);
                    record = envelope is null ? null : Redacted(envelope);
                    lineError = envelope is null
                        ? $"neither a log line ({lineError}) nor an envelope ({envelopeError})"
                        : null;
                }

                yield return new EventLogReadItem(place, data.SequenceNumber, record, lineError);
            }
        }
    }

    private EventLogRecord Redacted(Ims.Events.BusEnvelope envelope)
    {
        if (redactor is null)
        {
            return EventLogRecord.Of(envelope);
        }

        var redacted = redactor.Redact(envelope);
        return ReferenceEquals(redacted, envelope) ? EventLogRecord.Of(envelope) : EventLogRecord.Of(redacted) with { Redacted = true };
    }
}
