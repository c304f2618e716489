using Azure.Identity;
using Ims.Bus;
using Ims.Bus.EventHubs;
using Ims.Storage;
using Microsoft.Extensions.Logging;

namespace Ims.Edge.Hosting;

/// <summary>
/// The edge in the cloud (`Bus: eventhubs`): what it sees goes to the ims-events hub for the Functions
/// app, and it carries out the commands addressed to it from ims-commands, read in a consumer group
/// of its own (named after its edge id) with ownership and checkpoints in the shared tables. No
/// function runs in this process.
/// </summary>
internal sealed partial class EdgeOnEventHubs : IAsyncDisposable
{
    private readonly EventHubsBus _bus;
    private readonly EventHubsEnvelopeProcessor _commands;

    private EdgeOnEventHubs(EventHubsBus bus, EventHubsEnvelopeProcessor commands)
    {
        _bus = bus;
        _commands = commands;
    }

    public IEventBus Bus => _bus;

    public static EdgeOnEventHubs Create(ImsOptions options, ITableStore store, BusConsumer executeCommand, TimeProvider time, ILogger logger)
    {
        var hubs = new EventHubsBusOptions();
        var consumer = EventHubsConsumerOptions.ForCommands(hubs, options.EdgeId) with
        {
            Undeliverable = (envelope, error) => LogUndeliverable(logger, envelope.Type, envelope.Correlation, error.Message),
            Malformed = (source, _, reason) => LogMalformed(logger, source, reason),
            ProcessingError = (partition, operation, error) => LogProcessing(logger, partition, operation, error.Message),
        };
        var checkpoints = new TableCheckpointStore(store, time);
        if (options.EventHubsNamespace is { } ns)
        {
            // The user-assigned identity the deployment names in AZURE_CLIENT_ID (bicep/modules/edge.bicep).
            var credential = new DefaultAzureCredential();
            return new EdgeOnEventHubs(
                EventHubsBus.FromNamespace(ns, credential, hubs),
                new EventHubsEnvelopeProcessor(checkpoints, ns, credential, consumer, executeCommand));
        }

        var connection = options.EventHubsConnection!;
        return new EdgeOnEventHubs(
            EventHubsBus.FromConnectionString(connection, hubs),
            new EventHubsEnvelopeProcessor(checkpoints, connection, consumer, executeCommand));
    }

    public Task StartAsync(CancellationToken cancellationToken) => _commands.StartProcessingAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _commands.StopProcessingAsync().ConfigureAwait(false);
        await _bus.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Error, Message = "command {Type} {Correlation} not carried out after retries: {Reason}")]
    private static partial void LogUndeliverable(ILogger logger, string type, string correlation, string reason);

    [LoggerMessage(EventId = 121, Level = LogLevel.Error, Message = "{Source}: not an envelope, skipped: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 122, Level = LogLevel.Warning, Message = "commands partition {Partition}: {Operation} failed: {Reason}")]
    private static partial void LogProcessing(ILogger logger, string? partition, string operation, string reason);
}
