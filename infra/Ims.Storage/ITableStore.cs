namespace Ims.Storage;

/// <summary>
/// The table-store port: entities addressed by table, PartitionKey and RowKey, written with
/// optimistic concurrency (ETags). Implementations: the embedded file store (default) and Azure
/// Table storage. Expected outcomes (not found, conflict, stale ETag) come back as
/// <see cref="StoreStatus"/> values; exceptions mean a programmer error (invalid key, table name or
/// batch shape) or an infrastructure failure (disk, network).
/// </summary>
/// <remarks>
/// Table names are chosen by the caller and follow Azure's rule (a letter, then 2 to 62 letters or
/// digits; case-insensitive). Tables are created on first use.
/// </remarks>
public interface ITableStore
{
    /// <summary>Point read. <see cref="StoreStatus.NotFound"/> when the entity does not exist.</summary>
    Task<StoreResult<TableEntity>> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>Adds a new entity; <see cref="StoreStatus.Conflict"/> when one with the same keys exists. Returns the new ETag.</summary>
    Task<StoreResult<ETag>> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the whole entity if its current ETag equals <see cref="TableEntity.ETag"/>
    /// (<see cref="ETag.Any"/> replaces unconditionally). <see cref="StoreStatus.PreconditionFailed"/>
    /// on a stale ETag, <see cref="StoreStatus.NotFound"/> when it does not exist.
    /// </summary>
    Task<StoreResult<ETag>> ReplaceAsync(string table, TableEntity entity, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the whole entity, ignoring any ETag. Returns the new ETag.</summary>
    Task<StoreResult<ETag>> UpsertAsync(string table, TableEntity entity, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the entity if its current ETag equals <paramref name="ifMatch"/> (<see cref="ETag.Any"/>
    /// deletes unconditionally). <see cref="StoreStatus.NotFound"/> when it does not exist.
    /// </summary>
    Task<StoreResult<ETag>> DeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Runs up to <see cref="TableBatchRules.MaxOperations"/> operations on ONE partition, all or
    /// nothing. The shape is checked before any I/O (<see cref="StoreStatus.InvalidBatch"/>); a
    /// failing operation is reported with its index and nothing is written.
    /// </summary>
    Task<BatchResult> ExecuteBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken);

    /// <summary>
    /// One page of a query, in (PartitionKey, RowKey) ordinal order. Pass the returned
    /// <see cref="TablePage.ContinuationToken"/> back to get the next page; null means done.
    /// A page may hold fewer than <see cref="TableQuery.PageSize"/> entities even when more follow.
    /// </summary>
    Task<TablePage> QueryPageAsync(string table, TableQuery query, string? continuationToken, CancellationToken cancellationToken);
}
