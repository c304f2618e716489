using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using AzureEntity = Azure.Data.Tables.TableEntity;

namespace Ims.Storage.AzureTables;

/// <summary>
/// The table-store port on Azure Table storage (or Azurite). HTTP 404, 409 and 412 become
/// <see cref="StoreStatus"/> values; any other failure (network, authorisation, throttling beyond the
/// SDK's retries) stays a <see cref="RequestFailedException"/>. Tables are created on first use.
/// </summary>
public sealed class AzureTableStore : ITableStore
{
    private readonly TableServiceClient _service;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.OrdinalIgnoreCase);

    public AzureTableStore(TableServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
    }

    /// <summary>From a storage connection string (account key or SAS; <c>UseDevelopmentStorage=true</c> for Azurite).</summary>
    public static AzureTableStore FromConnectionString(string connectionString) => new(new TableServiceClient(connectionString));

    /// <summary>From the table endpoint (https://ACCOUNT.table.core.windows.net) and an Entra ID credential.</summary>
    public static AzureTableStore FromEndpoint(Uri endpoint, TokenCredential credential) => new(new TableServiceClient(endpoint, credential));

    /// <summary>
    /// With the host's managed identity: system-assigned, or the user-assigned one with
    /// <paramref name="clientId"/>. The identity needs the "Storage Table Data Contributor" role.
    /// </summary>
    public static AzureTableStore FromEndpointWithManagedIdentity(Uri endpoint, string? clientId = null) =>
        FromEndpoint(endpoint, new ManagedIdentityCredential(
            clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId)));

    public async Task<StoreResult<TableEntity>> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        TableKey.Validate(partitionKey, nameof(partitionKey));
        TableKey.Validate(rowKey, nameof(rowKey));
        var client = await TableAsync(table, cancellationToken).ConfigureAwait(false);
        var response = await client.GetEntityIfExistsAsync<AzureEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue
            ? StoreResult<TableEntity>.Ok(AzureEntityMapping.FromAzure(response.Value!))
            : StoreResult<TableEntity>.Failed(StoreStatus.NotFound);
    }

    public async Task<StoreResult<ETag>> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var client = await TableAsync(table, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await client.AddEntityAsync(AzureEntityMapping.ToAzure(entity), cancellationToken).ConfigureAwait(false);
            return Written(response);
        }
        catch (RequestFailedException e) when (Expected(e) is { } status)
        {
            return StoreResult<ETag>.Failed(status);
        }
    }

    public async Task<StoreResult<ETag>> ReplaceAsync(string table, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var ifMatch = TableOperation.RequireETag(entity.ETag);
        var client = await TableAsync(table, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await client.UpdateEntityAsync(
                AzureEntityMapping.ToAzure(entity), AzureEntityMapping.ToAzure(ifMatch), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return Written(response);
        }
        catch (RequestFailedException e) when (Expected(e) is { } status)
        {
            return StoreResult<ETag>.Failed(status);
        }
    }

    public async Task<StoreResult<ETag>> UpsertAsync(string table, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var client = await TableAsync(table, cancellationToken).ConfigureAwait(false);
        var response = await client.UpsertEntityAsync(AzureEntityMapping.ToAzure(entity), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return Written(response);
    }

    public async Task<StoreResult<ETag>> DeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken)
    {
        TableKey.Validate(partitionKey, nameof(partitionKey));
        TableKey.Validate(rowKey, nameof(rowKey));
        TableOperation.RequireETag(ifMatch);
        var client = await TableAsync(table, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await client.DeleteEntityAsync(partitionKey, rowKey, AzureEntityMapping.ToAzure(ifMatch), cancellationToken).ConfigureAwait(false);

            // The SDK treats a 404 on delete as success; the port reports it.
            return response.Status == 404 ? StoreResult<ETag>.Failed(StoreStatus.NotFound) : StoreResult<ETag>.Ok(default);
        }
        catch (RequestFailedException e) when (Expected(e) is { } status)
        {
            return StoreResult<ETag>.Failed(status);
        }
    }

    public async Task<BatchResult> ExecuteBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken)
    {
        // Checked here, not left to the service: Azurite accepts cross-partition batches and answers
        // one of 101 operations with a malformed response.
        if (TableBatchRules.Check(operations) is { } refusal)
        {
            return refusal;
        }

        var client = await TableAsync(table, cancellationToken).ConfigureAwait(false);
        var actions = operations.Select(ToAction).ToList();
        try
        {
            var response = await client.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            var etags = new ETag[operations.Count];
            for (var i = 0; i < etags.Length && i < response.Value.Count; i++)
            {
                etags[i] = operations[i].Kind == TableOperationKind.Delete ? default : ETagOf(response.Value[i]);
            }

            return BatchResult.Ok(etags);
        }
        catch (TableTransactionFailedException e) when (Expected(e) is { } status)
        {
            return BatchResult.Failed(status, e.FailedTransactionActionIndex ?? -1, e.Message);
        }
    }

    public async Task<TablePage> QueryPageAsync(string table, TableQuery query, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var client = await TableAsync(table, cancellationToken).ConfigureAwait(false);
        var pages = client.QueryAsync<AzureEntity>(AzureQueryFilter.Build(query), query.PageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, query.PageSize);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            return new TablePage(page.Values.Select(AzureEntityMapping.FromAzure).ToList(), page.ContinuationToken);
        }

        return new TablePage([], null);
    }

    private static TableTransactionAction ToAction(TableOperation operation)
    {
        var entity = AzureEntityMapping.ToAzure(operation.Entity);
        return operation.Kind switch
        {
            TableOperationKind.Insert => new TableTransactionAction(TableTransactionActionType.Add, entity),
            TableOperationKind.Replace => new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, AzureEntityMapping.ToAzure(operation.ETag)),
            TableOperationKind.Upsert => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity),
            TableOperationKind.Delete => new TableTransactionAction(TableTransactionActionType.Delete, entity, AzureEntityMapping.ToAzure(operation.ETag)),
            _ => throw new InvalidOperationException($"unknown operation {operation.Kind}"),
        };
    }

    private static StoreStatus? Expected(RequestFailedException e) => e.Status switch
    {
        404 => StoreStatus.NotFound,
        409 => StoreStatus.Conflict,
        412 => StoreStatus.PreconditionFailed,
        _ => null,
    };

    private static StoreResult<ETag> Written(Response response) => StoreResult<ETag>.Ok(ETagOf(response));

    private static ETag ETagOf(Response response) =>
        response.Headers.ETag is { } etag ? new ETag(etag.ToString()) : default;

    private async Task<TableClient> TableAsync(string table, CancellationToken cancellationToken)
    {
        TableName.Validate(table);
        var lazy = _tables.GetOrAdd(table, name => new Lazy<Task<TableClient>>(() => CreateAsync(name)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Let the next call try again rather than remember a transient failure for ever.
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(table, lazy));
            throw;
        }
    }

    private async Task<TableClient> CreateAsync(string table)
    {
        var client = _service.GetTableClient(table);
        await client.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        return client;
    }
}
