using Azure.Core;
using Azure.Identity;
using Dapr.Client;
using Ims.Bus;
using Ims.Bus.Dapr;
using Ims.Bus.EventHubs;
using Ims.Functions.Azure.Bus;
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
/// the bus for commands (Event Hubs, else Dapr), and the Event Hubs processor as a hosted service.
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
        services.AddSingleton(sp => new FunctionDispatcher(
            ImsFunctionCatalog.Build(sp.GetRequiredService<ITableStore>(), settings.Functions),
            sp.GetRequiredService<TimeProvider>(),
            new RandomEnvelopeIds()));
        services.AddSingleton<IEventBus>(_ => CommandsBus(settings));
        services.AddSingleton<EnvelopeHandler>();

        if (settings.HasEventHubs && settings.HostEventHubsProcessor)
        {
            services.AddSingleton(sp => EventsProcessor(settings, sp));
            services.AddSingleton<IHostedService, EventHubsProcessorService>();
        }

        return services;
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
