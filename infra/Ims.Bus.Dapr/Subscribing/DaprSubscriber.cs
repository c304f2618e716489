using Ims.Events;

namespace Ims.Bus.Dapr;

/// <summary>
/// The consumer side of the bus on Dapr: the host maps the subscription's route (an HTTP POST from
/// the sidecar) to <see cref="HandleAsync"/> and answers 200 with <see cref="DaprTopicResponse.ToJson"/>.
/// </summary>
/// <remarks>
/// Delivery is at least once, driven by Dapr: a consumer that throws gets RETRY, and the sidecar
/// delivers the same CloudEvent (same envelope, same id) again as its resiliency policy allows, then
/// to the dead-letter topic. Bytes that are not an envelope get DROP after being reported, since no
/// retry can repair them; so does a command that reached the wrong edge (a wiring fault).
/// </remarks>
public sealed class DaprSubscriber
{
    private readonly BusConsumer _consumer;
    private readonly DaprSubscriptionOptions _options;
    private readonly UndeliverableEnvelope _undeliverable;
    private readonly MalformedPayload _malformed;

    public DaprSubscriber(BusConsumer consumer, DaprSubscriptionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        _consumer = consumer;
        _options = options ?? new DaprSubscriptionOptions();
        _undeliverable = _options.Undeliverable ?? ((_, _) => { });
        _malformed = _options.Malformed ?? ((_, _, _) => { });
    }

    /// <summary>Handles one delivered body; never throws for bad input or a failing consumer.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the request was aborted).</exception>
    public async Task<DaprTopicStatus> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var json = DaprPayload.Unwrap(body, out var error);
        var envelope = error is null ? BusEnvelopeJson.Deserialize(json.Span, out error) : null;
        if (envelope is null)
        {
            _malformed(_options.Source, body, error ?? "not an envelope");
            return DaprTopicStatus.Drop;
        }

        if (_options.EdgeId is { } edgeId
            && (!envelope.Message.IsCommand || !string.Equals(envelope.EdgeId, edgeId, StringComparison.Ordinal)))
        {
            _undeliverable(envelope, new InvalidOperationException($"{envelope.Type} for edge {envelope.EdgeId} reached edge {edgeId}"));
            return DaprTopicStatus.Drop;
        }

        try
        {
            await _consumer(envelope, cancellationToken).ConfigureAwait(false);
            return DaprTopicStatus.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A consumer's failure becomes RETRY: Dapr redelivers, bounded by its resiliency policy.
        catch (Exception)
#pragma warning restore CA1031
        {
            return DaprTopicStatus.Retry;
        }
    }
}
