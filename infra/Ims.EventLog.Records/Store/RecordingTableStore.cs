using Ims.Storage;

namespace Ims.EventLog.Store;

/// <summary>
/// The table store the functions use, wrapped so that every call made while an event is handled is
/// noted in that event's <see cref="StoreCallJournal"/>. Nothing is written here: the journal ends in
/// the event's decision record, redacted by the log writer off the SIP path.
/// </summary>
public sealed class RecordingTableStore(ITableStore inner) : ITableStore
{
    public ITableStore Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public async Task<StoreResult<TableEntity>> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var result = await Inner.GetAsync(table, partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
        StoreCallJournal.Current?.Add(new StoreCall("get", table, result.Status.ToString(), partitionKey, rowKey,
            Row: result.Value is { } entity ? StoredRows.From(entity) : null));
        return result;
    }

    public Task<StoreResult<ETag>> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken) =>
        WriteAsync("insert", table, entity, Inner.InsertAsync(table, entity, cancellationToken));

    public Task<StoreResult<ETag>> ReplaceAsync(string table, TableEntity entity, CancellationToken cancellationToken) =>
        WriteAsync("replace", table, entity, Inner.ReplaceAsync(table, entity, cancellationToken));

    public Task<StoreResult<ETag>> UpsertAsync(string table, TableEntity entity, CancellationToken cancellationToken) =>
        WriteAsync("upsert", table, entity, Inner.UpsertAsync(table, entity, cancellationToken));

    public async Task<StoreResult<ETag>> DeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken)
    {
        var result = await Inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken).ConfigureAwait(false);
        StoreCallJournal.Current?.Add(new StoreCall("delete", table, result.Status.ToString(), partitionKey, rowKey, IfMatch: ifMatch.Value, ETag: result.Value.Value));
        return result;
    }

    public async Task<BatchResult> ExecuteBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var result = await Inner.ExecuteBatchAsync(table, operations, cancellationToken).ConfigureAwait(false);
        StoreCallJournal.Current?.Add(new StoreCall(
            "batch",
            table,
            result.Status.ToString(),
            PartitionKey: operations.Count > 0 ? operations[0].Entity.PartitionKey : null,
            Rows: [.. operations.Select(o => StoredRows.From(o.Entity) with { ETag = o.ETag.Value })],
            Kinds: [.. operations.Select(o => o.Kind.ToString())],
            ETags: [.. result.ETags.Select(e => e.Value)],
            FailedIndex: result.FailedIndex));
        return result;
    }

    public async Task<TablePage> QueryPageAsync(string table, TableQuery query, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = await Inner.QueryPageAsync(table, query, continuationToken, cancellationToken).ConfigureAwait(false);
        StoreCallJournal.Current?.Add(new StoreCall("query", table, nameof(StoreStatus.Ok), query.PartitionKey,
            Rows: [.. page.Entities.Select(StoredRows.From)], Query: StoredRows.Describe(query), Token: continuationToken, NextToken: page.ContinuationToken));
        return page;
    }

    private static async Task<StoreResult<ETag>> WriteAsync(string op, string table, TableEntity entity, Task<StoreResult<ETag>> write)
    {
        var result = await write.ConfigureAwait(false);
        StoreCallJournal.Current?.Add(new StoreCall(op, table, result.Status.ToString(), entity.PartitionKey, entity.RowKey,
            Row: StoredRows.From(entity), ETag: result.Value.Value));
        return result;
    }
}
