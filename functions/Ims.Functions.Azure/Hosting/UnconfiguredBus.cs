using Ims.Bus;
using Ims.Events;

namespace Ims.Functions.Azure.Hosting;

/// <summary>
/// The commands bus of a worker with neither Event Hubs nor Dapr configured (a provisioning-only
/// deployment): publishing fails with the reason, so the event is redelivered or reported, never lost silently.
/// </summary>
public sealed class UnconfiguredBus : IEventBus
{
    public ValueTask PublishAsync(BusEnvelope envelope, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(
            "no bus is configured for commands: set IMS_EventHubsNamespace (or IMS_EventHubsConnection), or IMS_DaprAppToken beside a Dapr sidecar");
}
