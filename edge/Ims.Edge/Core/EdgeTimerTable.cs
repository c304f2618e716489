using System.Threading.Channels;
using Ims.Events;
using Ims.Storage;
using Microsoft.Extensions.Logging;

namespace Ims.Edge.Core;

/// <summary>
/// The edge's timers, kept in the table store (one partition per edge id) so that an edge that
/// restarts schedules again what the functions asked of it: registration expiries, credit
/// re-authorisations, session limits. The timer itself stays in memory; the table is its copy.
/// Writes go through one loop in the order the timers were scheduled and cancelled, so scheduling
/// never waits for the store and a cancel cannot overtake the schedule it undoes.
/// </summary>
public sealed partial class EdgeTimerTable : IAsyncDisposable
{
    /// <summary>PartitionKey: the edge id; RowKey: the timer id (encoded); Due, Payload, BusKey.</summary>
    public const string Table = "EdgeTimer";

    private readonly ITableStore _store;
    private readonly string _edgeId;
    private readonly ILogger _logger;
    private readonly Channel<(string TimerId, TableEntity? Saved)> _writes =
        Channel.CreateUnbounded<(string, TableEntity?)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _writer;

    public EdgeTimerTable(ITableStore store, string edgeId, ILogger logger)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _edgeId = TableKey.Encode(edgeId ?? throw new ArgumentNullException(nameof(edgeId)));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Records a scheduled (or moved) timer.</summary>
    public void Save(ScheduleTimer timer, string busKey)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var entity = new TableEntity(_edgeId, TableKey.Encode(timer.TimerId), new Dictionary<string, object>
        {
            ["TimerId"] = timer.TimerId,
            ["Due"] = timer.Due,
            ["Payload"] = timer.Payload,
            ["BusKey"] = busKey,
        });
        _writes.Writer.TryWrite((timer.TimerId, entity));
    }

    /// <summary>Forgets a timer that fired or was cancelled.</summary>
    public void Remove(string timerId) => _writes.Writer.TryWrite((timerId, null));

    /// <summary>The timers this edge had when it stopped, with the bus key each fires on.</summary>
    public async Task<IReadOnlyList<(ScheduleTimer Timer, string BusKey)>> LoadAsync(CancellationToken cancellationToken)
    {
        var timers = new List<(ScheduleTimer, string)>();
        await foreach (var row in _store.QueryPartitionAsync(Table, _edgeId, cancellationToken).ConfigureAwait(false))
        {
            if (row.Properties.TryGetValue("TimerId", out var id) && id is string timerId
                && row.Properties.TryGetValue("Due", out var due) && due is DateTimeOffset at
                && row.Properties.TryGetValue("Payload", out var payload) && payload is string text
                && row.Properties.TryGetValue("BusKey", out var key) && key is string busKey)
            {
                timers.Add((new ScheduleTimer(timerId, at, text), busKey));
            }
            else
            {
                LogUnreadable(_logger, row.RowKey);
            }
        }

        return timers;
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        await foreach (var (timerId, saved) in _writes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                var result = saved is null
                    ? await _store.DeleteAsync(Table, _edgeId, TableKey.Encode(timerId), ETag.Any, CancellationToken.None).ConfigureAwait(false)
                    : await _store.UpsertAsync(Table, saved, CancellationToken.None).ConfigureAwait(false);
                if (result.Status is not (StoreStatus.Ok or StoreStatus.NotFound))
                {
                    LogNotKept(_logger, timerId, result.Status.ToString());
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The timer still runs in memory; only a restart in this window would lose it.
                LogNotKept(_logger, timerId, ex.Message);
            }
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "timer {TimerId} not kept in the table store: {Reason}")]
    private static partial void LogNotKept(ILogger logger, string timerId, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "timer row {RowKey} is unreadable; skipped")]
    private static partial void LogUnreadable(ILogger logger, string rowKey);
}
