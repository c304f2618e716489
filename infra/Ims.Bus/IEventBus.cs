using Ims.Events;

namespace Ims.Bus;

/// <summary>
/// The bus port. Events go to the functions; commands go back to the edge named in the envelope.
/// Delivery is at least once and ordered per partition key; consumers must be idempotent by envelope id.
/// Implementations: <see cref="InProcessBus"/> (embedded default), Azure Event Hubs, Dapr pub/sub.
/// </summary>
public interface IEventBus
{
    ValueTask PublishAsync(BusEnvelope envelope, CancellationToken cancellationToken);
}
