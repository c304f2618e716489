using System.Collections.Concurrent;

namespace Ims.Edge.Core;

/// <summary>
/// Work the edge holds while the functions decide (Kamailio's t_suspend/t_continue): each entry waits
/// for the command that resumes it, keyed by the envelope correlation, and gives up at its deadline
/// so that nothing waits forever.
/// </summary>
public sealed class SuspendedWork<T>(TimeProvider time)
    where T : class
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<T?>> _waiting = new(StringComparer.Ordinal);

    public int Count => _waiting.Count;

    /// <summary>Suspends under <paramref name="correlation"/>; the task ends with the resuming value, or null at the deadline.</summary>
    public Task<T?> Suspend(string correlation, TimeSpan deadline)
    {
        var completion = new TaskCompletionSource<T?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.TryAdd(correlation, completion))
        {
            throw new InvalidOperationException($"{correlation} is already suspended");
        }

        var timer = time.CreateTimer(
            static state =>
            {
                var (work, key, tcs) = ((SuspendedWork<T>, string, TaskCompletionSource<T?>))state!;
                if (work._waiting.TryRemove(new KeyValuePair<string, TaskCompletionSource<T?>>(key, tcs)))
                {
                    tcs.TrySetResult(null);
                }
            },
            (this, correlation, completion),
            deadline,
            Timeout.InfiniteTimeSpan);
        _ = completion.Task.ContinueWith(_ => timer.Dispose(), TaskScheduler.Default);
        return completion.Task;
    }

    /// <summary>Resumes the work waiting under <paramref name="correlation"/>; false when none waits (late or duplicate command).</summary>
    public bool Resume(string correlation, T value)
    {
        return _waiting.TryRemove(correlation, out var completion) && completion.TrySetResult(value);
    }
}
