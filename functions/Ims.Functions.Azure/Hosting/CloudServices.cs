using Azure.Core;
using Azure.Identity;
using Azure.Messaging.EventHubs.Producer;
using Dapr.Client;
using Ims.Bus;
using Ims.Bus.Dapr;
using Ims.Bus.EventHubs;
using Ims.EventLog.Store;
using Ims.Functions.Azure.Bus;
using Ims.Functions.Azure.Decisions;
using Ims.Functions.Catalog;
using Ims.Hss.Provisioning;
using Ims.Storage;
using Ims.Storage.AzureTables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ims.Functions.Azure.Hosting;

/// <summary>
/// Wires the worker: the deployment's tables, the same function catalog ims up runs, the dispatcher,
/// the bus for commands (Event Hubs, else Dapr), the Event Hubs processor as a hosted service, and the
/// decision recorder (the decisions hub when IMS_DecisionsHub is set).
/// </summary>
public static class CloudServices
{
    public static IServiceCollection Add(IServiceCollection services, CloudSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ITableStore>(_ => settings.StoreEndpoint is { } endpoint
            ? AzureTableStore.FromEndpoint(endpoint, Credential(settings))
            : AzureTableStore.FromConnectionString(settings.StoreConnection!));
        services.AddSingleton(sp => new SubscriberProvisioning(sp.GetRequiredService<ITableStore>()));
        services.AddSingleton(sp => Dispatcher(sp.GetRequiredService<ITableStore>(), settings, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEventBus>(_ => CommandsBus(settings));
        services.AddSingleton(sp => DecisionRecorder(settings, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<EnvelopeHandler>();
        // Registered first, so the host start is queued before any event is read and the queue drains at stop.
        services.AddSingleton<IHostedService, DecisionRecordingService>();

        if (settings.HasEventHubs && settings.HostEventHubsProcessor)
        {
            services.AddSingleton(sp => EventsProcessor(settings, sp));
            services.AddSingleton<IHostedService, EventHubsProcessorService>();
        }

        return services;
    }

    /// <summary>
    /// The worker's dispatcher: the shared catalog over a recording decorator of the store, so that the
    /// store calls each event's handler makes reach its decision record (the embedded host does the same).
    /// </summary>
    public static FunctionDispatcher Dispatcher(ITableStore store, CloudSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new FunctionDispatcher(ImsFunctionCatalog.Build(new RecordingTableStore(store), settings.Functions), time, new RandomEnvelopeIds());
    }

    private static IDecisionRecorder DecisionRecorder(CloudSettings settings, ILoggerFactory loggers)
    {
        if (settings.DecisionsHub is not { } hub)
        {
            return new NoDecisionRecords();
        }

        var producer = settings.DecisionsConnection is { } own ? new EventHubProducerClient(own, hub)
            : settings.EventHubsNamespace is { } ns ? new EventHubProducerClient(ns, hub, Credential(settings))
            : new EventHubProducerClient(settings.EventHubsConnection!, hub);
        return new EventHubsDecisionRecorder(producer, hub, loggers.CreateLogger("Ims.Functions.Azure.Decisions"));
    }

    private static IEventBus CommandsBus(CloudSettings settings)
    {
        var hubs = new EventHubsBusOptions();
        if (settings.EventHubsNamespace is { } ns)
        {
            return EventHubsBus.FromNamespace(ns, Credential(settings), hubs);
        }

        if (settings.EventHubsConnection is { } connection)
        {
            return EventHubsBus.FromConnectionString(connection, hubs);
        }

        // Beside a sidecar, DaprClientBuilder finds it through DAPR_GRPC_ENDPOINT / DAPR_HTTP_ENDPOINT.
        return settings.DaprAppToken is not null ? new DaprBus(new DaprClientBuilder().Build()) : new UnconfiguredBus();
    }

    private static EventHubsEnvelopeProcessor EventsProcessor(CloudSettings settings, IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILogger<EventHubsEnvelopeProcessor>>();
        var checkpoints = new TableCheckpointStore(services.GetRequiredService<ITableStore>(), services.GetRequiredService<TimeProvider>());
        var consumer = services.GetRequiredService<EnvelopeHandler>().AsConsumer();
        var options = EventHubsConsumerOptions.ForEvents(new EventHubsBusOptions(), settings.EventHubsConsumerGroup) with
        {
            Undeliverable = (envelope, error) => logger.LogError(error, "{Type} {Id} undeliverable after retries", envelope.Type, envelope.Id),
            Malformed = (source, _, reason) => logger.LogError("{Source}: not an envelope, skipped: {Reason}", source, reason),
            ProcessingError = (partition, operation, error) => logger.LogWarning(error, "partition {Partition}: {Operation} failed", partition, operation),
        };
        return settings.EventHubsNamespace is { } ns
            ? new EventHubsEnvelopeProcessor(checkpoints, ns, Credential(settings), options, consumer)
            : new EventHubsEnvelopeProcessor(checkpoints, settings.EventHubsConnection!, options, consumer);
    }

    // The user-assigned identity the deployment names in AZURE_CLIENT_ID, else the system-assigned one.
    private static ManagedIdentityCredential Credential(CloudSettings settings) =>
        new(settings.ManagedIdentityClientId is { } clientId
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned);
}
