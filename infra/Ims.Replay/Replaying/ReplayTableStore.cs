using System.Globalization;
using Ims.EventLog.Store;
using Ims.Storage;

namespace Ims.Replay.Replaying;

/// <summary>
/// The table store of a replayed step. It answers each call with what the store answered the same
/// call when the step was recorded; a call the recorded run did not make is answered from the state
/// reconstructed from the log so far (every row earlier steps read or wrote), never from today's
/// tables, and noted. Writes are compared with the recorded ones and kept only for the rest of the
/// step: they change nothing anywhere.
/// </summary>
internal sealed class ReplayTableStore : ITableStore
{
    private readonly Dictionary<(string Table, string Pk, string Rk), StoredRow?> _known = [];
    private readonly Dictionary<(string Table, string Pk, string Rk), StoredRow?> _overlay = [];
    private IReadOnlyList<StoreCall> _recorded = [];
    private bool[] _used = [];
    private byte _secretFill;
    private int _newETags;

    /// <summary>What this step's store calls did differently from the recorded ones.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Whether the step was served a row whose secret columns the log withheld.</summary>
    public HashSet<string> SecretsServed { get; } = new(StringComparer.Ordinal);

    /// <summary>Starts a step (or runs it again): its recorded calls, and the byte that stands in for withheld keys.</summary>
    public void BeginStep(IReadOnlyList<StoreCall> recorded, byte secretFill)
    {
        _recorded = recorded;
        _used = new bool[recorded.Count];
        _secretFill = secretFill;
        _overlay.Clear();
        Notes.Clear();
        SecretsServed.Clear();
    }

    /// <summary>Ends a step: what the recorded run saw and wrote becomes the state later steps fall back on.</summary>
    public void EndStep()
    {
        for (var i = 0; i < _recorded.Count; i++)
        {
            if (!_used[i])
            {
                Notes.Add($"the recorded run also made {Describe(_recorded[i])}; today's code did not");
            }
        }

        foreach (var call in _recorded)
        {
            Learn(call);
        }
    }

    public Task<StoreResult<TableEntity>> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var key = Key(table, partitionKey, rowKey);
        if (_overlay.TryGetValue(key, out var written))
        {
            return Task.FromResult(Found(written));
        }

        if (Take(c => c.Op == "get" && Same(c.Table, table) && c.PartitionKey == partitionKey && c.RowKey == rowKey) is { } call)
        {
            return Task.FromResult(call.Status == nameof(StoreStatus.Ok) && call.Row is { } row
                ? StoreResult<TableEntity>.Ok(Serve(row))
                : StoreResult<TableEntity>.Failed(Status(call.Status)));
        }

        Notes.Add($"today's code read {table}/{partitionKey}/{rowKey}, which the recorded step did not; served from the log's earlier state");
        return Task.FromResult(_known.TryGetValue(key, out var known) ? Found(known) : StoreResult<TableEntity>.Failed(StoreStatus.NotFound));
    }

    public Task<StoreResult<ETag>> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken) => WriteAsync("insert", table, entity);

    public Task<StoreResult<ETag>> ReplaceAsync(string table, TableEntity entity, CancellationToken cancellationToken) => WriteAsync("replace", table, entity);

    public Task<StoreResult<ETag>> UpsertAsync(string table, TableEntity entity, CancellationToken cancellationToken) => WriteAsync("upsert", table, entity);

    public Task<StoreResult<ETag>> DeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken)
    {
        var call = Take(c => c.Op == "delete" && Same(c.Table, table) && c.PartitionKey == partitionKey && c.RowKey == rowKey);
        if (call is null)
        {
            Notes.Add($"today's code deleted {table}/{partitionKey}/{rowKey}, which the recorded step did not");
        }

        var status = call is null ? StoreStatus.Ok : Status(call.Status);
        if (status == StoreStatus.Ok)
        {
            _overlay[Key(table, partitionKey, rowKey)] = null;
        }

        return Task.FromResult(new StoreResult<ETag>(status, new ETag(call?.ETag)));
    }

    public Task<BatchResult> ExecuteBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var partition = operations.Count > 0 ? operations[0].PartitionKey : null;
        var call = Take(c => c.Op == "batch" && Same(c.Table, table) && c.PartitionKey == partition);
        if (call is null)
        {
            Notes.Add($"today's code ran a batch of {operations.Count} on {table}/{partition}, which the recorded step did not");
        }
        else
        {
            CompareBatch(call, operations);
        }

        var result = call is null
            ? BatchResult.Ok([.. operations.Select(_ => NewETag())])
            : call.Status == nameof(StoreStatus.Ok)
                ? BatchResult.Ok([.. (call.ETags ?? []).Select(e => new ETag(e))])
                : BatchResult.Failed(Status(call.Status), call.FailedIndex ?? -1, "as recorded");
        if (result.IsOk)
        {
            foreach (var operation in operations)
            {
                _overlay[Key(table, operation.PartitionKey, operation.RowKey)] =
                    operation.Kind == TableOperationKind.Delete ? null : StoredRows.From(operation.Entity);
            }
        }

        return Task.FromResult(result);
    }

    public Task<TablePage> QueryPageAsync(string table, TableQuery query, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = StoredRows.Describe(query);
        if (Take(c => c.Op == "query" && Same(c.Table, table) && c.Query == text && c.Token == continuationToken) is { } call)
        {
            return Task.FromResult(new TablePage([.. (call.Rows ?? []).Select(Serve)], call.NextToken));
        }

        Notes.Add($"today's code queried {table} ({text}), which the recorded step did not; answered from the log's earlier state");
        var merged = new Dictionary<(string Table, string Pk, string Rk), StoredRow?>(_known);
        foreach (var (key, row) in _overlay)
        {
            merged[key] = row;
        }

        var rows = merged
            .Where(r => Same(r.Key.Table, table) && r.Value is not null)
            .Select(r => Serve(r.Value!))
            .Where(query.Matches)
            .OrderBy(e => e.PartitionKey, StringComparer.Ordinal).ThenBy(e => e.RowKey, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new TablePage(rows, null));
    }

    private Task<StoreResult<ETag>> WriteAsync(string op, string table, TableEntity entity)
    {
        var call = Take(c => c.Op == op && Same(c.Table, table) && c.PartitionKey == entity.PartitionKey && c.RowKey == entity.RowKey);
        var written = StoredRows.From(entity);
        if (call is null)
        {
            Notes.Add($"today's code wrote ({op}) {table}/{entity.PartitionKey}/{entity.RowKey}, which the recorded step did not");
        }
        else if (call.Row is { } recorded && Difference(recorded, written) is { } difference)
        {
            Notes.Add($"{op} {table}/{entity.PartitionKey}/{entity.RowKey} writes {difference}");
        }

        var status = call is null ? StoreStatus.Ok : Status(call.Status);
        if (status == StoreStatus.Ok)
        {
            _overlay[Key(table, entity.PartitionKey, entity.RowKey)] = written;
        }

        return Task.FromResult(new StoreResult<ETag>(status, call?.ETag is { } etag ? new ETag(etag) : NewETag()));
    }

    private void CompareBatch(StoreCall call, IReadOnlyList<TableOperation> operations)
    {
        var recorded = call.Rows ?? [];
        for (var i = 0; i < Math.Max(recorded.Count, operations.Count); i++)
        {
            if (i >= recorded.Count || i >= operations.Count)
            {
                Notes.Add($"batch on {call.Table} has {operations.Count} operation(s); {recorded.Count} were recorded");
                return;
            }

            if (Difference(recorded[i], StoredRows.From(operations[i].Entity)) is { } difference)
            {
                Notes.Add($"batch operation {i} on {call.Table}/{operations[i].PartitionKey}/{operations[i].RowKey} writes {difference}");
            }
        }
    }

    /// <summary>How a write today differs from the recorded one, secret columns compared redacted on both sides.</summary>
    private static string? Difference(StoredRow recorded, StoredRow today)
    {
        var mine = SecretColumns.Redact(today);
        var changed = recorded.Properties.Keys.Union(mine.Properties.Keys, StringComparer.Ordinal)
            .Where(name => recorded.Properties.GetValueOrDefault(name) != mine.Properties.GetValueOrDefault(name))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        return changed.Count == 0 ? null : $"other values than recorded in {string.Join(", ", changed)}";
    }

    private StoreCall? Take(Func<StoreCall, bool> matches)
    {
        for (var i = 0; i < _recorded.Count; i++)
        {
            if (!_used[i] && matches(_recorded[i]))
            {
                _used[i] = true;
                return _recorded[i];
            }
        }

        return null;
    }

    /// <summary>A recorded row as an entity; withheld keys are stood in for by <see cref="_secretFill"/>.</summary>
    private TableEntity Serve(StoredRow row)
    {
        if (row.Redacted is not { Count: > 0 } redacted)
        {
            return StoredRows.ToEntity(row);
        }

        var properties = new Dictionary<string, StoredValue>(row.Properties, StringComparer.Ordinal);
        foreach (var name in redacted.Where(properties.ContainsKey))
        {
            SecretsServed.Add(name);
            var value = properties[name];
            properties[name] = value.T == "x"
                ? new StoredValue("x", Convert.ToBase64String(Enumerable.Repeat(_secretFill, Convert.FromBase64String(value.V).Length).ToArray()))
                : new StoredValue("s", "redacted-" + _secretFill.ToString("x2", CultureInfo.InvariantCulture));
        }

        return StoredRows.ToEntity(row with { Properties = properties });
    }

    private StoreResult<TableEntity> Found(StoredRow? row) =>
        row is null ? StoreResult<TableEntity>.Failed(StoreStatus.NotFound) : StoreResult<TableEntity>.Ok(Serve(row));

    private void Learn(StoreCall call)
    {
        switch (call.Op)
        {
            case "get" when call.Status == nameof(StoreStatus.Ok) && call.Row is { } row:
                _known[Key(call.Table, row.PartitionKey, row.RowKey)] = row;
                break;
            case "get" when call.Status == nameof(StoreStatus.NotFound):
                _known[Key(call.Table, call.PartitionKey ?? string.Empty, call.RowKey ?? string.Empty)] = null;
                break;
            case "insert" or "replace" or "upsert" when call.Status == nameof(StoreStatus.Ok) && call.Row is { } row:
                _known[Key(call.Table, row.PartitionKey, row.RowKey)] = row with { ETag = call.ETag };
                break;
            case "delete" when call.Status == nameof(StoreStatus.Ok):
                _known[Key(call.Table, call.PartitionKey ?? string.Empty, call.RowKey ?? string.Empty)] = null;
                break;
            case "batch" when call.Status == nameof(StoreStatus.Ok):
                for (var i = 0; i < (call.Rows?.Count ?? 0); i++)
                {
                    var written = call.Rows![i];
                    _known[Key(call.Table, written.PartitionKey, written.RowKey)] =
                        call.Kinds?.ElementAtOrDefault(i) == nameof(TableOperationKind.Delete) ? null : written with { ETag = call.ETags?.ElementAtOrDefault(i) };
                }

                break;
            case "query":
                foreach (var found in call.Rows ?? [])
                {
                    _known[Key(call.Table, found.PartitionKey, found.RowKey)] = found;
                }

                break;
        }
    }

    private ETag NewETag() => new("replay-" + (++_newETags).ToString(CultureInfo.InvariantCulture));

    private static StoreStatus Status(string status) => Enum.TryParse<StoreStatus>(status, out var parsed) ? parsed : StoreStatus.NotFound;

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static (string, string, string) Key(string table, string pk, string rk) => (table.ToUpperInvariant(), pk, rk);

    private static string Describe(StoreCall call) => call.Op switch
    {
        "query" => $"query {call.Table} ({call.Query})",
        "batch" => $"batch on {call.Table}/{call.PartitionKey}",
        _ => $"{call.Op} {call.Table}/{call.PartitionKey}/{call.RowKey}",
    };
}
