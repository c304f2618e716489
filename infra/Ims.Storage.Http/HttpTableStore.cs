using System.Net.Http.Json;

namespace Ims.Storage.Http;

/// <summary>
/// The table store of a running `ims up`, reached over loopback HTTP. It keeps the port's contract:
/// statuses come back as values, ETags are the server's; the store itself enforces every rule.
/// </summary>
public sealed class HttpTableStore : ITableStore, IDisposable
{
    private readonly HttpClient _client;

    public HttpTableStore(TableStoreEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _client = new HttpClient { BaseAddress = new Uri(endpoint.Url), Timeout = TimeSpan.FromSeconds(30) };
        _client.DefaultRequestHeaders.Add(TableStoreHttpServer.TokenHeader, endpoint.Token);
    }

    public async Task<StoreResult<TableEntity>> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await CallAsync(new StoreRequest("get", table, Pk: partitionKey, Rk: rowKey), cancellationToken).ConfigureAwait(false);
        return new StoreResult<TableEntity>(response.Status, response.Entity is null ? null : TableWireMapping.FromWire(response.Entity));
    }

    public Task<StoreResult<ETag>> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken) =>
        WriteAsync("insert", table, entity, cancellationToken);

    public Task<StoreResult<ETag>> ReplaceAsync(string table, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableOperation.RequireETag(entity.ETag);
        return WriteAsync("replace", table, entity, cancellationToken);
    }

    public Task<StoreResult<ETag>> UpsertAsync(string table, TableEntity entity, CancellationToken cancellationToken) =>
        WriteAsync("upsert", table, entity, cancellationToken);

    public async Task<StoreResult<ETag>> DeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken)
    {
        TableOperation.RequireETag(ifMatch);
        var response = await CallAsync(new StoreRequest("delete", table, Pk: partitionKey, Rk: rowKey, IfMatch: ifMatch.Value), cancellationToken).ConfigureAwait(false);
        return new StoreResult<ETag>(response.Status, new ETag(response.ETag));
    }

    public async Task<BatchResult> ExecuteBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        // The shape rules are checked here too, before anything crosses the wire.
        if (TableBatchRules.Check(operations) is { } refused)
        {
            return refused;
        }

        var response = await CallAsync(new StoreRequest("batch", table, Ops: [.. operations.Select(TableWireMapping.ToWire)]), cancellationToken).ConfigureAwait(false);
        return new BatchResult(response.Status, response.FailedIndex, [.. (response.ETags ?? []).Select(e => new ETag(e))], response.Reason);
    }

    public async Task<TablePage> QueryPageAsync(string table, TableQuery query, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var response = await CallAsync(new StoreRequest("query", table, Query: TableWireMapping.ToWire(query), Continuation: continuationToken), cancellationToken).ConfigureAwait(false);
        return new TablePage([.. (response.Entities ?? []).Select(TableWireMapping.FromWire)], response.Continuation);
    }

    public void Dispose() => _client.Dispose();

    private async Task<StoreResult<ETag>> WriteAsync(string op, string table, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var response = await CallAsync(new StoreRequest(op, table, Entity: TableWireMapping.ToWire(entity)), cancellationToken).ConfigureAwait(false);
        return new StoreResult<ETag>(response.Status, new ETag(response.ETag));
    }

    private async Task<StoreResponse> CallAsync(StoreRequest request, CancellationToken cancellationToken)
    {
        TableName.Validate(request.Table);
        using var response = await _client.PostAsJsonAsync("store", request, TableWireJson.Default.StoreRequest, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new IOException($"the store at {_client.BaseAddress} answered {(int)response.StatusCode} {detail}".Trim());
        }

        return await response.Content.ReadFromJsonAsync(TableWireJson.Default.StoreResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new IOException($"the store at {_client.BaseAddress} sent an empty answer");
    }
}
