using Azure.Core;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Ims.Events;

namespace Ims.Bus.EventHubs;

/// <summary>
/// Reads envelopes from one hub and hands them to a <see cref="BusConsumer"/>, built on the SDK's
/// <see cref="PluggableCheckpointStoreEventProcessor{TPartition}"/>: the SDK balances partitions
/// between processor instances of one consumer group (ownership claimed in the checkpoint store) and
/// reads each partition in order, one batch at a time.
/// </summary>
/// <remarks>
/// <code>
///  partition ──batch──▶ read envelope ──bad bytes──▶ MalformedPayload (skipped)
///                          │ other edge's command ──▶ skipped
///                          ▼
///                  consumer (up to MaxAttempts) ──still failing──▶ UndeliverableEnvelope
///                          ▼
///              after the batch: checkpoint = last event read
/// </code>
/// Delivery is at least once: a consumer that throws gets the same envelope again at once, and a
/// processor that dies or loses its partition before checkpointing leaves the rest of the batch to the
/// next owner, which resumes after the last checkpoint and so sees those envelopes again, same ids.
/// </remarks>
public sealed class EventHubsEnvelopeProcessor : PluggableCheckpointStoreEventProcessor<EventProcessorPartition>
{
    private readonly BusConsumer _consumer;
    private readonly EventHubsConsumerOptions _options;
    private readonly UndeliverableEnvelope _undeliverable;
    private readonly MalformedPayload _malformed;

    /// <param name="checkpoints">Usually a <see cref="TableCheckpointStore"/>.</param>
    /// <param name="connectionString">A namespace connection string (without EntityPath).</param>
    public EventHubsEnvelopeProcessor(CheckpointStore checkpoints, string connectionString, EventHubsConsumerOptions options, BusConsumer consumer)
        : base(checkpoints, Checked(options).MaxBatchSize, options.ConsumerGroup, connectionString, options.EventHubName, options.ProcessorOptions)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        _consumer = consumer;
        _options = options;
        _undeliverable = options.Undeliverable ?? ((_, _) => { });
        _malformed = options.Malformed ?? ((_, _, _) => { });
    }

    /// <param name="checkpoints">Usually a <see cref="TableCheckpointStore"/>.</param>
    /// <param name="fullyQualifiedNamespace">e.g. ims.servicebus.windows.net.</param>
    /// <param name="credential">An Entra ID credential (managed identity in Azure).</param>
    public EventHubsEnvelopeProcessor(
        CheckpointStore checkpoints,
        string fullyQualifiedNamespace,
        TokenCredential credential,
        EventHubsConsumerOptions options,
        BusConsumer consumer)
        : base(checkpoints, Checked(options).MaxBatchSize, options.ConsumerGroup, fullyQualifiedNamespace, options.EventHubName, credential, options.ProcessorOptions)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        _consumer = consumer;
        _options = options;
        _undeliverable = options.Undeliverable ?? ((_, _) => { });
        _malformed = options.Malformed ?? ((_, _, _) => { });
    }

    protected override Task OnProcessingEventBatchAsync(IEnumerable<EventData> events, EventProcessorPartition partition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return HandleBatchAsync(events, partition.PartitionId, cancellationToken);
    }

    protected override Task OnProcessingErrorAsync(Exception exception, EventProcessorPartition partition, string operationDescription, CancellationToken cancellationToken)
    {
        _options.ProcessingError?.Invoke(partition?.PartitionId, operationDescription, exception);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The work of one batch of one partition, in order; the processor calls it, and the SDK-boundary
    /// tests call it with events made by <see cref="EventHubsModelFactory"/>.
    /// </summary>
    internal async Task HandleBatchAsync(IEnumerable<EventData> events, string partitionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        EventData? lastRead = null;
        try
        {
            foreach (var data in events)
            {
                await HandleOneAsync(data, partitionId, cancellationToken).ConfigureAwait(false);
                lastRead = data;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping, or the partition was taken over: record what was consumed (below) and leave
            // the rest to the next owner.
        }

        if (lastRead is not null)
        {
            // Not cancellable: progress that was made should be recorded even while stopping.
            await UpdateCheckpointAsync(partitionId, CheckpointPosition.FromEvent(lastRead), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task HandleOneAsync(EventData data, string partitionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var envelope = EventHubsEnvelope.Read(data, out var error);
        if (envelope is null)
        {
            _malformed(EventHubsEnvelope.Describe(EventHubName, partitionId, data), data.EventBody.ToMemory(), error ?? "not an envelope");
            return;
        }

        if (!IsForThisConsumer(envelope))
        {
            return;
        }

        await BusDelivery.DeliverAsync(envelope, _consumer, _options.MaxAttempts, _undeliverable, cancellationToken).ConfigureAwait(false);
    }

    // An edge reads the whole commands hub (see EventHubsBus): it carries out only the commands that
    // name it. An event consumer takes every event.
    private bool IsForThisConsumer(BusEnvelope envelope) =>
        _options.EdgeId is not { } edgeId
        || (envelope.Message.IsCommand && string.Equals(envelope.EdgeId, edgeId, StringComparison.Ordinal));

    private static EventHubsConsumerOptions Checked(EventHubsConsumerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        return options;
    }
}
