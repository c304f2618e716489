using Ims.Bus.EventHubs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ims.Functions.Azure.Bus;

/// <summary>
/// Runs the Event Hubs processor inside the worker for as long as the worker runs: it stands where an
/// Event Hubs trigger would, since that extension is not on this package feed. The SDK balances the
/// events hub's partitions across every worker instance (ownership in table storage), reads each
/// partition in order, and the processor checkpoints after each batch.
/// </summary>
/// <remarks>
/// Unlike a trigger, a hosted processor does not wake a scaled-to-zero app: the Function App needs at
/// least one always-ready instance (Flex Consumption) for events to be read.
/// </remarks>
public sealed class EventHubsProcessorService(EventHubsEnvelopeProcessor processor, ILogger<EventHubsProcessorService> logger) : IHostedService
{
    private readonly EventHubsEnvelopeProcessor _processor = processor ?? throw new ArgumentNullException(nameof(processor));
    private readonly ILogger<EventHubsProcessorService> _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _processor.StartProcessingAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("reading {Hub} in consumer group {Group} as {Identifier}", _processor.EventHubName, _processor.ConsumerGroup, _processor.Identifier);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stopping checkpoints what was consumed and releases the partitions to the other instances.
        await _processor.StopProcessingAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("stopped reading {Hub}", _processor.EventHubName);
    }
}
