using System.Collections.Concurrent;

namespace Ims.Storage.Embedded;

/// <summary>
/// The default table store: durable on local disk under a data folder, no server. Each table is an
/// append-only log (tables/NAME.log) replayed into memory on first use; every write is fsynced
/// before it is acknowledged. One store per data folder: a second opener, in this process or
/// another, gets <see cref="DataFolderInUseException"/>. Safe for concurrent use by many tasks.
/// </summary>
public sealed class EmbeddedTableStore : ITableStore, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<TableLog>> _tables = new(StringComparer.Ordinal);
    private readonly DataFolderLock _lock;
    private readonly string _tablesFolder;
    private readonly EmbeddedStoreOptions _options;
    private bool _disposed;

    private EmbeddedTableStore(string dataFolder, DataFolderLock folderLock, EmbeddedStoreOptions options)
    {
        DataFolder = dataFolder;
        _lock = folderLock;
        _options = options;
        _tablesFolder = Path.Combine(dataFolder, "tables");
        Directory.CreateDirectory(_tablesFolder);
    }

    public string DataFolder { get; }

    /// <summary>Opens (creating if needed) the store in <paramref name="dataFolder"/> and locks the folder.</summary>
    /// <exception cref="DataFolderInUseException">Another store holds the folder.</exception>
    public static EmbeddedTableStore Open(string dataFolder, EmbeddedStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataFolder);
        var folder = Path.GetFullPath(dataFolder);
        Directory.CreateDirectory(folder);
        var folderLock = DataFolderLock.Acquire(folder);
        try
        {
            return new EmbeddedTableStore(folder, folderLock, options ?? new EmbeddedStoreOptions());
        }
        catch
        {
            folderLock.Dispose();
            throw;
        }
    }

    public Task<StoreResult<TableEntity>> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        TableKey.Validate(partitionKey, nameof(partitionKey));
        TableKey.Validate(rowKey, nameof(rowKey));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Log(table).Get(partitionKey, rowKey));
    }

    public Task<StoreResult<ETag>> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken) =>
        WriteOneAsync(table, TableOperation.Insert(entity), cancellationToken);

    public Task<StoreResult<ETag>> ReplaceAsync(string table, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return WriteOneAsync(table, TableOperation.Replace(entity), cancellationToken);
    }

    public Task<StoreResult<ETag>> UpsertAsync(string table, TableEntity entity, CancellationToken cancellationToken) =>
        WriteOneAsync(table, TableOperation.Upsert(entity), cancellationToken);

    public Task<StoreResult<ETag>> DeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken) =>
        WriteOneAsync(table, TableOperation.Delete(partitionKey, rowKey, ifMatch), cancellationToken);

    public Task<BatchResult> ExecuteBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken)
    {
        var refusal = TableBatchRules.Check(operations);
        return refusal is not null ? Task.FromResult(refusal) : Log(table).ApplyAsync(operations, cancellationToken);
    }

    public Task<TablePage> QueryPageAsync(string table, TableQuery query, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Log(table).QueryPage(query, EmbeddedContinuation.Decode(continuationToken)));
    }

    /// <summary>Rewrites a table's log as a snapshot of its live entities now (it also happens by itself).</summary>
    public Task CompactAsync(string table, CancellationToken cancellationToken) => Log(table).CompactAsync(cancellationToken);

    /// <summary>The path of a table's log file (for tools and tests).</summary>
    public string LogPath(string table)
    {
        TableName.Validate(table);
        return Path.Combine(_tablesFolder, table.ToLowerInvariant() + ".log");
    }

    /// <summary>Bytes of a torn tail dropped when the table was opened (0 when the log was intact).</summary>
    public long DiscardedTailBytes(string table) => Log(table).DiscardedTailBytes;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var table in _tables.Values.Where(t => t.IsValueCreated))
        {
            table.Value.Dispose();
        }

        _lock.Dispose();
    }

    private async Task<StoreResult<ETag>> WriteOneAsync(string table, TableOperation operation, CancellationToken cancellationToken)
    {
        var result = await Log(table).ApplyAsync([operation], cancellationToken).ConfigureAwait(false);
        return result.IsOk ? StoreResult<ETag>.Ok(result.ETags[0]) : StoreResult<ETag>.Failed(result.Status);
    }

    private TableLog Log(string table)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var path = LogPath(table);
        // Azure table names are case-insensitive; so are ours.
        return _tables.GetOrAdd(
            table.ToLowerInvariant(),
            _ => new Lazy<TableLog>(() => TableLog.Open(path, _options.CompactionThreshold), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }
}
