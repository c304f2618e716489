using Ims.Events;

namespace Ims.Bus;

/// <summary>
/// The consumer-side rule every bus shares: hand an envelope to its consumer, hand it again when the
/// consumer throws (at least once, with the same envelope and so the same id), and after a bounded
/// number of attempts report it instead of blocking the envelopes queued behind it on the same key.
/// </summary>
public static class BusDelivery
{
    /// <summary>Attempts per envelope before it is reported undeliverable.</summary>
    public const int DefaultMaxAttempts = 3;

    /// <summary>True when the consumer took the envelope; false when it was reported undeliverable.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled: the envelope stays unconsumed for the next reader.</exception>
    public static async ValueTask<bool> DeliverAsync(
        BusEnvelope envelope,
        BusConsumer consumer,
        int maxAttempts,
        UndeliverableEnvelope undeliverable,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(undeliverable);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await consumer(envelope, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A consumer's failure must not stop the partition: it is redelivered, then reported.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (attempt >= maxAttempts)
                {
                    undeliverable(envelope, ex);
                    return false;
                }
            }
        }
    }
}
