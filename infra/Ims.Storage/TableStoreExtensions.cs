using System.Runtime.CompilerServices;

namespace Ims.Storage;

/// <summary>Queries that follow continuation tokens, so callers never handle paging themselves.</summary>
public static class TableStoreExtensions
{
    /// <summary>Every entity matching <paramref name="query"/>, fetched page by page.</summary>
    public static async IAsyncEnumerable<TableEntity> QueryAsync(
        this ITableStore store,
        string table,
        TableQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        string? token = null;
        do
        {
            var page = await store.QueryPageAsync(table, query, token, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Entities)
            {
                yield return entity;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>Every entity of one partition, in RowKey order.</summary>
    public static IAsyncEnumerable<TableEntity> QueryPartitionAsync(
        this ITableStore store, string table, string partitionKey, CancellationToken cancellationToken) =>
        store.QueryAsync(table, TableQuery.Partition(partitionKey), cancellationToken);
}
