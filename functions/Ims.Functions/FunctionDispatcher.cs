using System.Collections.Concurrent;
using Ims.Events;

namespace Ims.Functions;

/// <summary>
/// Routes an event to the one function that accepts it and wraps its commands in envelopes addressed
/// back to the edge that sent the event. Delivery is at least once: an event id seen recently gets
/// the outcome it got the first time, without running the function again.
/// Every host uses this: the embedded host, the Azure Functions worker and replay.
/// </summary>
public sealed class FunctionDispatcher
{
    private readonly IReadOnlyList<IImsFunction> _functions;
    private readonly TimeProvider _time;
    private readonly IEnvelopeIds _ids;
    private readonly int _rememberedEvents;
    private readonly ConcurrentDictionary<string, DispatchResult> _recent = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _recentOrder = new();

    public FunctionDispatcher(IEnumerable<IImsFunction> functions, TimeProvider time, IEnvelopeIds ids, int rememberedEvents = 10_000)
    {
        ArgumentNullException.ThrowIfNull(functions);
        _functions = functions.ToList();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _ids = ids ?? throw new ArgumentNullException(nameof(ids));
        _rememberedEvents = rememberedEvents;
    }

    public async ValueTask<DispatchResult> DispatchAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (_recent.TryGetValue(envelope.Id, out var earlier))
        {
            return earlier with { Redelivery = true };
        }

        var function = _functions.FirstOrDefault(f => f.Accepts(envelope));
        if (function is null)
        {
            // No decision means the edge's deadline answers the transaction (500/504 or Diameter
            // UNABLE_TO_COMPLY); say so rather than drop the event silently.
            return new DispatchResult("none", $"no function accepts {envelope.Type}", [], false);
        }

        var outcome = await function.HandleAsync(envelope, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var commands = outcome.Commands
            .Select(c => new BusEnvelope(_ids.Next(), now, envelope.EdgeId, envelope.PartitionKey, envelope.Correlation, c.Message, c.Continuation))
            .ToList();
        var result = new DispatchResult(function.Name, outcome.Decision, commands, false);
        Remember(envelope.Id, result);
        return result;
    }

    private void Remember(string eventId, DispatchResult result)
    {
        if (_rememberedEvents <= 0 || !_recent.TryAdd(eventId, result))
        {
            return;
        }

        _recentOrder.Enqueue(eventId);
        while (_recentOrder.Count > _rememberedEvents && _recentOrder.TryDequeue(out var oldest))
        {
            _recent.TryRemove(oldest, out _);
        }
    }
}
