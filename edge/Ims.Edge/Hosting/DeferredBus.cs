using Ims.Bus;
using Ims.Events;

namespace Ims.Edge.Hosting;

/// <summary>
/// A bus whose target is set once the edge's parts exist: the cloud bus needs the command executor,
/// and the executor needs a bus to publish on. Publishing before the target is set is a wiring fault.
/// </summary>
internal sealed class DeferredBus : IEventBus
{
    public IEventBus? Target { get; set; }

    public ValueTask PublishAsync(BusEnvelope envelope, CancellationToken cancellationToken) =>
        (Target ?? throw new InvalidOperationException("the bus was used before it was connected")).PublishAsync(envelope, cancellationToken);
}
