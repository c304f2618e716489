using System.Collections.Concurrent;
using Ims.Bus;
using Ims.Events;

namespace Ims.Edge.Core;

/// <summary>
/// Timers the functions schedule (registration expiry, charging updates). The edge keeps them
/// because a function cannot; when one fires it publishes <see cref="TimerFired"/> with the payload
/// the function left, so the function can act without remembering anything.
/// </summary>
public sealed class EdgeTimers(IEventBus bus, EnvelopeStamp stamp, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, ITimer> _timers = new(StringComparer.Ordinal);

    public int Count => _timers.Count;

    /// <summary>Schedules or moves a timer (the same id replaces the earlier one).</summary>
    public void Schedule(ScheduleTimer command, string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(command);
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
        var envelope = stamp.Envelope(partitionKey, command.TimerId, new TimerFired(command.TimerId, command.Payload));
        _ = bus.PublishAsync(envelope, CancellationToken.None).AsTask();
    }
}
