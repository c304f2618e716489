using System.Collections.Concurrent;
using Ims.Bus;
using Ims.Events;

namespace Ims.Edge.Core;

/// <summary>
/// Timers the functions schedule (registration expiry, charging updates). The edge keeps them
/// because a function cannot; when one fires it publishes <see cref="TimerFired"/> with the payload
/// the function left, so the function can act without remembering anything. With a
/// <see cref="EdgeTimerTable"/> they also outlive a restart of the edge.
/// </summary>
public sealed class EdgeTimers(IEventBus bus, EnvelopeStamp stamp, TimeProvider time, EdgeTimerTable? table = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, ITimer> _timers = new(StringComparer.Ordinal);

    public int Count => _timers.Count;

    /// <summary>Schedules or moves a timer (the same id replaces the earlier one).</summary>
    public void Schedule(ScheduleTimer command, string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(command);
        table?.Save(command, partitionKey);
        Start(command, partitionKey);
    }

    /// <summary>
    /// Schedules again the timers kept in the table when this edge stopped; one that came due while
    /// it was down fires at once (a late expiry is still an expiry). Returns how many.
    /// </summary>
    public async Task<int> RestoreAsync(CancellationToken cancellationToken)
    {
        if (table is null)
        {
            return 0;
        }

        var kept = await table.LoadAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (timer, busKey) in kept)
        {
            Start(timer, busKey);
        }

        return kept.Count;
    }

    private void Start(ScheduleTimer command, string partitionKey)
    {
        var due = command.Due - time.GetUtcNow();
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        ITimer? timer = null;
        timer = time.CreateTimer(_ => Fire(command, partitionKey, timer!), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timers.AddOrUpdate(command.TimerId, timer, (_, old) =>
        {
            old.Dispose();
            return timer;
        });
        timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    public void Cancel(string timerId)
    {
        table?.Remove(timerId);
        if (_timers.TryRemove(timerId, out var timer))
        {
            timer.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }

        _timers.Clear();
    }

    private void Fire(ScheduleTimer command, string partitionKey, ITimer timer)
    {
        // Only the timer still registered under the id fires: a rescheduled one was replaced.
        if (!_timers.TryRemove(new KeyValuePair<string, ITimer>(command.TimerId, timer)))
        {
            return;
        }

        timer.Dispose();
        table?.Remove(command.TimerId);
        var envelope = stamp.Envelope(partitionKey, command.TimerId, new TimerFired(command.TimerId, command.Payload));
        _ = bus.PublishAsync(envelope, CancellationToken.None).AsTask();
    }
}
