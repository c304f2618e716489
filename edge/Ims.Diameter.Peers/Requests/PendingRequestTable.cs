using System.Collections.Concurrent;
using Ims.Diameter.Messages;

namespace Ims.Diameter.Peers.Requests;

/// <summary>
/// Requests sent and not yet answered, keyed by hop-by-hop id (RFC 6733 3: the id that matches an
/// answer to its request on a connection). Each entry completes exactly once: with the answer, or
/// with the failure of the connection it went out on, or when its waiter times out.
/// </summary>
internal sealed class PendingRequestTable
{
    private readonly ConcurrentDictionary<uint, Entry> _entries = new();

    public int Count => _entries.Count;

    public Task<DiameterRequestOutcome> Add(uint hopByHop, object connection, string peer)
    {
        var entry = new Entry(connection, peer, new TaskCompletionSource<DiameterRequestOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_entries.TryAdd(hopByHop, entry))
        {
            throw new InvalidOperationException($"hop-by-hop id {hopByHop} is already pending");
        }

        return entry.Completion.Task;
    }

    /// <summary>Completes the request this answer belongs to; false for an answer nobody waits for (RFC 6733 6.2.1: discard it).</summary>
    public bool Complete(DiameterMessage answer, object connection)
    {
        if (_entries.TryGetValue(answer.Header.HopByHopId, out var entry) && ReferenceEquals(entry.Connection, connection)
            && _entries.TryRemove(answer.Header.HopByHopId, out entry))
        {
            return entry.Completion.TrySetResult(DiameterRequestOutcome.Answered(answer, entry.Peer));
        }

        return false;
    }

    public void Fail(uint hopByHop, DiameterRequestOutcomeKind kind, string detail)
    {
        if (_entries.TryRemove(hopByHop, out var entry))
        {
            entry.Completion.TrySetResult(DiameterRequestOutcome.Failed(kind, entry.Peer, detail));
        }
    }

    /// <summary>Fails every request that went out on a connection that is gone.</summary>
    public void FailConnection(object connection, string detail)
    {
        foreach (var (hopByHop, entry) in _entries)
        {
            if (ReferenceEquals(entry.Connection, connection))
            {
                Fail(hopByHop, DiameterRequestOutcomeKind.PeerFailed, detail);
            }
        }
    }

    private sealed record Entry(object Connection, string Peer, TaskCompletionSource<DiameterRequestOutcome> Completion);
}
