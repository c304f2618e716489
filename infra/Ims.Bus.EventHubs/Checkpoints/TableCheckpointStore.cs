using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Ims.Storage;
using StoreETag = Ims.Storage.ETag;

namespace Ims.Bus.EventHubs;

/// <summary>
/// Partition ownership and checkpoints of Event Hubs processors, kept in table storage through our
/// <see cref="ITableStore"/> port (Azure Tables in the cloud, the embedded store or Azurite locally),
/// so no blob account is needed. One table partition per (namespace, hub, consumer group); one row per
/// hub partition in each of two tables.
/// </summary>
/// <remarks>
/// Ownership claims are optimistic, as the SDK's load balancer expects: a claim carries the
/// <see cref="EventProcessorPartitionOwnership.Version"/> the processor last read (our ETag); a first
/// claim inserts, a later one replaces only if the ETag still matches. When two processors race for a
/// partition exactly one wins; the loser's claim is left out of the result and it retries on its next
/// load-balancing cycle. <see cref="EventProcessorPartitionOwnership.LastModifiedTime"/> comes from the
/// injected clock, because the port does not expose the server's timestamp; the processors compare it
/// with their own clocks to find expired ownership, so their clocks must roughly agree (NTP).
/// </remarks>
public sealed class TableCheckpointStore : CheckpointStore
{
    public const string DefaultOwnershipTable = "eventhubsownership";
    public const string DefaultCheckpointTable = "eventhubscheckpoints";

    private const string OwnerProperty = "OwnerIdentifier";
    private const string ModifiedProperty = "LastModified";
    private const string OffsetProperty = "Offset";
    private const string SequenceProperty = "SequenceNumber";
    private const string ClientProperty = "ClientIdentifier";

    private readonly ITableStore _store;
    private readonly TimeProvider _time;
    private readonly string _ownershipTable;
    private readonly string _checkpointTable;

    public TableCheckpointStore(
        ITableStore store,
        TimeProvider time,
        string ownershipTable = DefaultOwnershipTable,
        string checkpointTable = DefaultCheckpointTable)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        TableName.Validate(ownershipTable, nameof(ownershipTable));
        TableName.Validate(checkpointTable, nameof(checkpointTable));
        _store = store;
        _time = time;
        _ownershipTable = ownershipTable;
        _checkpointTable = checkpointTable;
    }

    public override async Task<IEnumerable<EventProcessorPartitionOwnership>> ListOwnershipAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, CancellationToken cancellationToken)
    {
        var partitionKey = PartitionKeyOf(fullyQualifiedNamespace, eventHubName, consumerGroup);
        var owned = new List<EventProcessorPartitionOwnership>();
        await foreach (var row in _store.QueryPartitionAsync(_ownershipTable, partitionKey, cancellationToken).ConfigureAwait(false))
        {
            owned.Add(new EventProcessorPartitionOwnership
            {
                FullyQualifiedNamespace = fullyQualifiedNamespace,
                EventHubName = eventHubName,
                ConsumerGroup = consumerGroup,
                PartitionId = TableKey.Decode(row.RowKey),
                OwnerIdentifier = row.GetString(OwnerProperty) ?? string.Empty,
                LastModifiedTime = row.GetDateTimeOffset(ModifiedProperty) ?? DateTimeOffset.MinValue,
                Version = row.ETag.Value,
            });
        }

        return owned;
    }

    public override async Task<IEnumerable<EventProcessorPartitionOwnership>> ClaimOwnershipAsync(
        IEnumerable<EventProcessorPartitionOwnership> desiredOwnership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desiredOwnership);
        var claimed = new List<EventProcessorPartitionOwnership>();
        foreach (var desired in desiredOwnership)
        {
            var now = _time.GetUtcNow();
            var row = new TableEntity(
                PartitionKeyOf(desired.FullyQualifiedNamespace, desired.EventHubName, desired.ConsumerGroup),
                TableKey.Encode(desired.PartitionId),
                [
                    new(OwnerProperty, desired.OwnerIdentifier ?? string.Empty),
                    new(ModifiedProperty, now),
                ],
                new StoreETag(desired.Version));

            // A claim without a version means "nobody has owned it yet": insert, and a concurrent
            // first claim makes ours a conflict. With a version, replace only that version (412 otherwise).
            var result = string.IsNullOrEmpty(desired.Version)
                ? await _store.InsertAsync(_ownershipTable, row, cancellationToken).ConfigureAwait(false)
                : await _store.ReplaceAsync(_ownershipTable, row, cancellationToken).ConfigureAwait(false);
            if (result.IsOk)
            {
                claimed.Add(new EventProcessorPartitionOwnership
                {
                    FullyQualifiedNamespace = desired.FullyQualifiedNamespace,
                    EventHubName = desired.EventHubName,
                    ConsumerGroup = desired.ConsumerGroup,
                    PartitionId = desired.PartitionId,
                    OwnerIdentifier = desired.OwnerIdentifier,
                    LastModifiedTime = now,
                    Version = result.Value.Value,
                });
            }
        }

        return claimed;
    }

    public override async Task<EventProcessorCheckpoint> GetCheckpointAsync(
        string fullyQualifiedNamespace, string eventHubName, string consumerGroup, string partitionId, CancellationToken cancellationToken)
    {
        var read = await _store.GetAsync(
            _checkpointTable,
            PartitionKeyOf(fullyQualifiedNamespace, eventHubName, consumerGroup),
            TableKey.Encode(partitionId),
            cancellationToken).ConfigureAwait(false);
        if (!read.IsOk || read.Value is not { } row)
        {
            // No checkpoint: the processor starts from its configured default position.
            return null!;
        }

        // The checkpoint names the last event consumed, so reading resumes just after it (exclusive).
        // The offset is preferred when present (it is what the service seeks by); the sequence number
        // serves checkpoints written without one.
        EventPosition position;
        if (row.GetString(OffsetProperty) is { Length: > 0 } offset)
        {
            position = EventPosition.FromOffset(offset, isInclusive: false);
        }
        else if (row.GetInt64(SequenceProperty) is { } sequenceNumber)
        {
            position = EventPosition.FromSequenceNumber(sequenceNumber, isInclusive: false);
        }
        else
        {
            return null!;
        }

        return new EventProcessorCheckpoint
        {
            FullyQualifiedNamespace = fullyQualifiedNamespace,
            EventHubName = eventHubName,
            ConsumerGroup = consumerGroup,
            PartitionId = partitionId,
            ClientIdentifier = row.GetString(ClientProperty),
            LastModified = row.GetDateTimeOffset(ModifiedProperty),
            StartingPosition = position,
        };
    }

    public override Task UpdateCheckpointAsync(
        string fullyQualifiedNamespace,
        string eventHubName,
        string consumerGroup,
        string partitionId,
        string clientIdentifier,
        CheckpointPosition startingPosition,
        CancellationToken cancellationToken) =>
        WriteCheckpointAsync(
            fullyQualifiedNamespace,
            eventHubName,
            consumerGroup,
            partitionId,
            clientIdentifier,
            startingPosition.OffsetString,
            startingPosition.SequenceNumber == long.MinValue ? null : startingPosition.SequenceNumber,
            cancellationToken);

    // Event Hubs names are case-insensitive: one hub spelt two ways must share its ownership rows.
    private static string PartitionKeyOf(string fullyQualifiedNamespace, string eventHubName, string consumerGroup)
    {
        ArgumentException.ThrowIfNullOrEmpty(fullyQualifiedNamespace);
        ArgumentException.ThrowIfNullOrEmpty(eventHubName);
        ArgumentException.ThrowIfNullOrEmpty(consumerGroup);
        return TableKey.Encode(string.Join('|', fullyQualifiedNamespace, eventHubName, consumerGroup).ToLowerInvariant());
    }

    private async Task WriteCheckpointAsync(
        string fullyQualifiedNamespace,
        string eventHubName,
        string consumerGroup,
        string partitionId,
        string? clientIdentifier,
        string? offset,
        long? sequenceNumber,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(offset) && sequenceNumber is null)
        {
            throw new ArgumentException("a checkpoint needs an offset or a sequence number", nameof(offset));
        }

        var properties = new List<KeyValuePair<string, object>> { new(ModifiedProperty, _time.GetUtcNow()) };
        if (!string.IsNullOrEmpty(offset))
        {
            properties.Add(new(OffsetProperty, offset));
        }

        if (sequenceNumber is { } sequence)
        {
            properties.Add(new(SequenceProperty, sequence));
        }

        if (!string.IsNullOrEmpty(clientIdentifier))
        {
            properties.Add(new(ClientProperty, clientIdentifier));
        }

        // Last writer wins, as with the blob checkpoint store: a checkpoint only records progress, and
        // an older one written late by a processor that lost the partition costs redelivery, not loss.
        var row = new TableEntity(PartitionKeyOf(fullyQualifiedNamespace, eventHubName, consumerGroup), TableKey.Encode(partitionId), properties);
        await _store.UpsertAsync(_checkpointTable, row, cancellationToken).ConfigureAwait(false);
    }
}
