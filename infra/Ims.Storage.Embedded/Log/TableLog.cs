namespace Ims.Storage.Embedded;

/// <summary>
/// One table: its live entities in memory, sorted by (PartitionKey, RowKey) ordinally, and the
/// append-only log that makes them durable.
/// </summary>
/// <remarks>
/// Writers are serialised by an async gate; a write is checked against the live state, appended as
/// ONE record, fsynced (FileStream.Flush(true)), and only then applied and acknowledged, so an
/// acknowledged write survives a crash and a batch is all or nothing. Readers take a short lock on
/// the in-memory state and never see a write that is not yet durable.
/// </remarks>
internal sealed class TableLog : IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _stateLock = new();
    private readonly SortedList<string, SortedList<string, TableEntity>> _partitions = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly int _compactionThreshold;
    private FileStream _file;
    private long _version;
    private long _operationsInLog;
    private int _liveCount;
    private bool _broken;

    private TableLog(string path, FileStream file, int compactionThreshold)
    {
        _path = path;
        _file = file;
        _compactionThreshold = compactionThreshold;
    }

    public long DiscardedTailBytes { get; private set; }

    public static TableLog Open(string path, int compactionThreshold)
    {
        // A leftover snapshot means a crash during compaction before the rename: the old log is
        // still complete and authoritative.
        File.Delete(CompactPath(path));
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        var log = new TableLog(path, file, compactionThreshold);
        try
        {
            log.Replay();
            if (log.NeedsCompaction())
            {
                log.Compact();
            }
        }
        catch
        {
            log.Dispose();
            throw;
        }

        return log;
    }

    public StoreResult<TableEntity> Get(string partitionKey, string rowKey)
    {
        lock (_stateLock)
        {
            return Find(partitionKey, rowKey) is { } entity
                ? StoreResult<TableEntity>.Ok(entity)
                : StoreResult<TableEntity>.Failed(StoreStatus.NotFound);
        }
    }

    /// <summary>Checks every operation against the live state, then writes them as one durable record.</summary>
    public async Task<BatchResult> ApplyAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_broken, this);
            var refusal = Check(operations);
            if (refusal is not null)
            {
                return refusal;
            }

            var entries = new List<LogEntry>(operations.Count);
            var etags = new ETag[operations.Count];
            var version = _version;
            for (var i = 0; i < operations.Count; i++)
            {
                var operation = operations[i];
                if (operation.Kind == TableOperationKind.Delete)
                {
                    entries.Add(new LogEntry.Delete(operation.PartitionKey, operation.RowKey));
                    etags[i] = default;
                }
                else
                {
                    version++;
                    etags[i] = EmbeddedETag.From(version);
                    entries.Add(new LogEntry.Put(operation.Entity.WithETag(etags[i]), version));
                }
            }

            Append(LogCodec.Encode(entries));
            lock (_stateLock)
            {
                foreach (var entry in entries)
                {
                    Apply(entry);
                }
            }

            _operationsInLog += entries.Count;
            if (NeedsCompaction())
            {
                Compact();
            }

            return BatchResult.Ok(etags);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public TablePage QueryPage(TableQuery query, (string PartitionKey, string RowKey)? after)
    {
        var page = new List<TableEntity>(Math.Min(query.PageSize, 256));
        lock (_stateLock)
        {
            var partitionIndex = query.PartitionKey is { } only
                ? _partitions.IndexOfKey(only)
                : after is { } position ? LowerBound(_partitions.Keys, position.PartitionKey) : 0;
            if (partitionIndex < 0)
            {
                return new TablePage(page, null);
            }

            for (; partitionIndex < _partitions.Count; partitionIndex++)
            {
                var partitionKey = _partitions.Keys[partitionIndex];
                var rows = _partitions.Values[partitionIndex];
                var rowIndex = after is { } a && string.Equals(a.PartitionKey, partitionKey, StringComparison.Ordinal)
                    ? UpperBound(rows.Keys, a.RowKey)
                    : 0;
                for (; rowIndex < rows.Count; rowIndex++)
                {
                    var entity = rows.Values[rowIndex];
                    if (!query.Matches(entity))
                    {
                        continue;
                    }

                    page.Add(entity);
                    if (page.Count == query.PageSize)
                    {
                        return new TablePage(page, EmbeddedContinuation.Encode(entity.PartitionKey, entity.RowKey));
                    }
                }

                if (query.PartitionKey is not null)
                {
                    break;
                }
            }
        }

        return new TablePage(page, null);
    }

    /// <summary>Rewrites the log as a snapshot of the live entities.</summary>
    public async Task CompactAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_broken, this);
            Compact();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        _writeGate.Dispose();
    }

    private static string CompactPath(string path) => path + ".compact";

    // First index whose key is >= value.
    private static int LowerBound(IList<string> keys, string value)
    {
        int low = 0, high = keys.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(keys[mid], value) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    // First index whose key is > value.
    private static int UpperBound(IList<string> keys, string value)
    {
        var index = LowerBound(keys, value);
        return index < keys.Count && string.Equals(keys[index], value, StringComparison.Ordinal) ? index + 1 : index;
    }

    private BatchResult? Check(IReadOnlyList<TableOperation> operations)
    {
        // Rows are distinct within a batch (TableBatchRules), so each operation is checked against
        // the live state alone.
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            TableEntity? current;
            lock (_stateLock)
            {
                current = Find(operation.PartitionKey, operation.RowKey);
            }

            var status = operation.Kind switch
            {
                TableOperationKind.Insert when current is not null => StoreStatus.Conflict,
                TableOperationKind.Replace or TableOperationKind.Delete when current is null => StoreStatus.NotFound,
                TableOperationKind.Replace or TableOperationKind.Delete
                    when !operation.ETag.IsAny && operation.ETag != current!.ETag => StoreStatus.PreconditionFailed,
                _ => StoreStatus.Ok,
            };
            if (status != StoreStatus.Ok)
            {
                return BatchResult.Failed(status, i, $"operation {i} ({operation.Kind} {operation.PartitionKey}/{operation.RowKey}): {status}");
            }
        }

        return null;
    }

    private TableEntity? Find(string partitionKey, string rowKey) =>
        _partitions.TryGetValue(partitionKey, out var rows) && rows.TryGetValue(rowKey, out var entity) ? entity : null;

    private void Apply(LogEntry entry)
    {
        switch (entry)
        {
            case LogEntry.Put put:
                if (!_partitions.TryGetValue(put.Entity.PartitionKey, out var rows))
                {
                    rows = new SortedList<string, TableEntity>(StringComparer.Ordinal);
                    _partitions.Add(put.Entity.PartitionKey, rows);
                }

                if (!rows.ContainsKey(put.Entity.RowKey))
                {
                    _liveCount++;
                }

                rows[put.Entity.RowKey] = put.Entity;
                _version = Math.Max(_version, put.Version);
                break;
            case LogEntry.Delete delete:
                if (_partitions.TryGetValue(delete.PartitionKey, out var existing) && existing.Remove(delete.RowKey))
                {
                    _liveCount--;
                    if (existing.Count == 0)
                    {
                        _partitions.Remove(delete.PartitionKey);
                    }
                }

                break;
            case LogEntry.VersionFloor floor:
                _version = Math.Max(_version, floor.Version);
                break;
            default:
                throw new InvalidOperationException($"unknown log entry {entry.GetType().Name}");
        }
    }

    private void Replay()
    {
        var (records, intactLength) = LogCodec.ReadAll(_file);
        foreach (var record in records)
        {
            foreach (var entry in record)
            {
                Apply(entry);
            }

            _operationsInLog += record.Count;
        }

        if (intactLength < _file.Length)
        {
            // A torn tail (crash mid-append) was never acknowledged: drop it so new records are not
            // appended after garbage that would hide them from the next replay.
            DiscardedTailBytes = _file.Length - intactLength;
            _file.SetLength(intactLength);
            _file.Flush(flushToDisk: true);
        }

        _file.Position = intactLength;
    }

    private void Append(byte[] record)
    {
        var start = _file.Position;
        try
        {
            _file.Write(record);
            _file.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            // Leave no partial record behind; if even that fails, refuse further writes rather than
            // append after a damaged record.
            try
            {
                _file.SetLength(start);
                _file.Position = start;
            }
            catch (IOException)
            {
                _broken = true;
            }

            throw;
        }
    }

    private bool NeedsCompaction() =>
        _operationsInLog > _compactionThreshold && _operationsInLog > 2L * _liveCount;

    private void Compact()
    {
        var compactPath = CompactPath(_path);
        long operations = 1;
        using (var snapshot = new FileStream(compactPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            snapshot.Write(LogCodec.Encode([new LogEntry.VersionFloor(_version)]));
            var chunk = new List<LogEntry>(1000);
            foreach (var rows in _partitions.Values)
            {
                foreach (var entity in rows.Values)
                {
                    chunk.Add(new LogEntry.Put(entity, VersionOf(entity)));
                    if (chunk.Count == 1000)
                    {
                        snapshot.Write(LogCodec.Encode(chunk));
                        operations += chunk.Count;
                        chunk.Clear();
                    }
                }
            }

            if (chunk.Count > 0)
            {
                snapshot.Write(LogCodec.Encode(chunk));
                operations += chunk.Count;
            }

            snapshot.Flush(flushToDisk: true);
        }

        // The rename replaces the log atomically: a crash leaves either the old log or the snapshot,
        // each complete on its own.
        _file.Dispose();
        try
        {
            File.Move(compactPath, _path, overwrite: true);
            _file = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException)
        {
            // The log is closed and may not be reopened: refuse further writes (reopen the store).
            _broken = true;
            throw;
        }

        _file.Position = _file.Length;
        _operationsInLog = operations;
    }

    // Embedded ETags are quoted version numbers (EmbeddedETag).
    private static long VersionOf(TableEntity entity)
    {
        var value = entity.ETag.Value ?? throw new InvalidOperationException("a stored entity has no ETag");
        return long.Parse(value.AsSpan(1, value.Length - 2), System.Globalization.CultureInfo.InvariantCulture);
    }
}
