using Ims.Events;
using Ims.Functions;

namespace Ims.Edge.Core;

/// <summary>Makes the envelopes this edge publishes: its id, a fresh envelope id, the time of the injected clock.</summary>
public sealed class EnvelopeStamp(string edgeId, TimeProvider time, IEnvelopeIds ids)
{
    public string EdgeId { get; } = edgeId;

    public BusEnvelope Envelope(string partitionKey, string correlation, BusMessage message, Continuation? continuation = null) =>
        new(ids.Next(), time.GetUtcNow(), EdgeId, partitionKey, correlation, message, continuation);
}
