using System.Threading.Channels;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;
using Ims.EventLog;
using Ims.EventLog.Store;
using Microsoft.Extensions.Logging;

namespace Ims.Functions.Azure.Decisions;

/// <summary>
/// Publishes decision records to the decisions hub, each body one event-log line (CRC-checked JSON,
/// the format the file log writes), so replay reads the cloud and the embedded core alike.
/// <see cref="Record"/> only queues: one background loop redacts, encodes and sends, batching what is
/// queued per partition key. A full queue or a failed send is logged and counted, never thrown, so a
/// decision record can neither slow an event down nor get it delivered again.
/// </summary>
public sealed partial class EventHubsDecisionRecorder : IDecisionRecorder, IAsyncDisposable
{
    private readonly EventHubProducerClient _producer;
    private readonly string _hub;
    private readonly bool _ownsProducer;
    private readonly ILogger _logger;
    private readonly Channel<(EventLogRecord Record, string PartitionKey)> _queue;
    private readonly Task _loop;
    private long _published;
    private long _failed;
    private long _dropped;

    /// <param name="producer">Producer for the decisions hub.</param>
    /// <param name="hub">The decisions hub's name, for the log.</param>
    /// <param name="capacity">Records waiting to be sent; past this a record is dropped and counted.</param>
    /// <param name="ownsProducer">Whether disposing the recorder disposes the producer.</param>
    public EventHubsDecisionRecorder(EventHubProducerClient producer, string hub, ILogger logger, int capacity = 16_384, bool ownsProducer = true)
    {
        _producer = producer ?? throw new ArgumentNullException(nameof(producer));
        _hub = hub ?? throw new ArgumentNullException(nameof(hub));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _ownsProducer = ownsProducer;
        _queue = Channel.CreateBounded<(EventLogRecord, string)>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(SendLoopAsync);
    }

    public bool Enabled => true;

    /// <summary>Records the hub acknowledged.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Records whose send failed (logged).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Records not queued because the queue was full or the recorder stopped.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Record(EventLogRecord record, string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(partitionKey);
        if (!_queue.Writer.TryWrite((record, partitionKey)))
        {
            var dropped = Interlocked.Increment(ref _dropped);
            LogDropped(_logger, dropped);
        }
    }

    /// <summary>Sends what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (_ownsProducer)
        {
            await _producer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync()
    {
        var reader = _queue.Reader;
        var pending = new List<(EventLogRecord Record, string PartitionKey)>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // What queued meanwhile goes out together: one send per partition key, not one per record.
            pending.Clear();
            while (pending.Count < 512 && reader.TryRead(out var item))
            {
                pending.Add(item);
            }

            foreach (var group in pending.GroupBy(p => p.PartitionKey, StringComparer.Ordinal))
            {
                await SendAsync(group.Key, [.. group.Select(g => g.Record)]).ConfigureAwait(false);
            }
        }
    }

    private async Task SendAsync(string partitionKey, IReadOnlyList<EventLogRecord> records)
    {
        var unsent = records.Count;
        EventDataBatch? batch = null;
        try
        {
            foreach (var record in records)
            {
                var data = Encode(record);
                batch ??= await _producer.CreateBatchAsync(new CreateBatchOptions { PartitionKey = partitionKey }).ConfigureAwait(false);
                if (batch.TryAdd(data))
                {
                    continue;
                }

                if (batch.Count > 0)
                {
                    unsent -= await SendBatchAsync(batch).ConfigureAwait(false);
                    batch.Dispose();
                    batch = await _producer.CreateBatchAsync(new CreateBatchOptions { PartitionKey = partitionKey }).ConfigureAwait(false);
                    if (batch.TryAdd(data))
                    {
                        continue;
                    }
                }

                // Larger than the hub takes in one event (a query page of many rows): it cannot be sent at all.
                unsent--;
                var failed = Interlocked.Increment(ref _failed);
                LogTooLarge(_logger, record.Decision?.EventId ?? "(host start)", batch.MaximumSizeInBytes, failed);
            }

            if (batch is { Count: > 0 })
            {
                unsent -= await SendBatchAsync(batch).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Replay of these events will lack their decisions; the events themselves were answered.
            var failed = Interlocked.Add(ref _failed, unsent);
            LogSendFailed(_logger, ex, unsent, _hub, failed);
        }
        finally
        {
            batch?.Dispose();
        }
    }

    private async Task<int> SendBatchAsync(EventDataBatch batch)
    {
        var count = batch.Count;
        await _producer.SendAsync(batch).ConfigureAwait(false);
        Interlocked.Add(ref _published, count);
        return count;
    }

    private static EventData Encode(EventLogRecord record)
    {
        // Store rows lose K, OPc, HA1, XRES, CK and IK here, exactly as the file log's writer does it.
        if (record.Decision is { } decision)
        {
            record = record with { Decision = SecretColumns.Redact(decision) };
        }

        return new EventData(EventLogLine.Encode(record))
        {
            ContentType = "text/plain",
            MessageId = record.Decision?.EventId,
        };
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "decision records queue full: record dropped ({Dropped} dropped so far)")]
    private static partial void LogDropped(ILogger logger, long dropped);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "{Count} decision record(s) not published to {Hub} ({Failed} failed so far); the events were answered")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, int count, string hub, long failed);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "decision record of {EventId} exceeds {Max} bytes: not published ({Failed} failed so far)")]
    private static partial void LogTooLarge(ILogger logger, string eventId, long max, long failed);
}
