using System.Threading.Channels;
using Ims.EventLog.Store;

namespace Ims.EventLog;

/// <summary>
/// Appends records to the day file of their time, rotating by size and deleting the oldest files
/// past the total cap. <see cref="Append"/> never blocks the caller: records queue in memory and one
/// background loop writes them; when the queue is full a record is counted in
/// <see cref="DroppedRecords"/> instead of slowing the SIP path.
/// </summary>
public sealed class EventLogWriter : IAsyncDisposable
{
    private readonly EventLogOptions _options;
    private readonly IEventRedactor? _redactor;
    private readonly Channel<EventLogRecord> _queue;
    private readonly Task _loop;
    private FileStream? _file;
    private DateOnly _fileDay;
    private int _fileRotation;
    private long _dropped;
    private long _written;

    public EventLogWriter(EventLogOptions options, IEventRedactor? redactor = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _redactor = redactor;
        Directory.CreateDirectory(options.Directory);
        _queue = Channel.CreateBounded<EventLogRecord>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(WriteLoopAsync);
    }

    public long DroppedRecords => Interlocked.Read(ref _dropped);

    public long WrittenRecords => Interlocked.Read(ref _written);

    /// <summary>Queues a record; false (and counted as dropped) when the queue is full or the log is closed.</summary>
    public bool Append(EventLogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_queue.Writer.TryWrite(record))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Writes what is queued, syncs it to disk and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var record))
            {
                Write(record);
            }

            // One flush per burst: the OS has every record the moment the queue runs dry.
            if (_file is not null)
            {
                await _file.FlushAsync().ConfigureAwait(false);
            }
        }

        if (_file is not null)
        {
            _file.Flush(flushToDisk: true);
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Write(EventLogRecord record)
    {
        if (_redactor is not null && record.Envelope is { } envelope)
        {
            var redacted = _redactor.Redact(envelope);
            record = ReferenceEquals(redacted, envelope) ? record : record with { Envelope = redacted, Redacted = true };
        }

        if (record.Decision is { } decision)
        {
            // Rows read or written keep no keys (K, OPc, HA1), whichever redactor the host chose.
            record = record with { Decision = SecretColumns.Redact(decision) };
        }

        var line = EventLogLine.Encode(record);
        var file = FileFor(DateOnly.FromDateTime(record.Time.UtcDateTime), line.Length);
        file.Write(line);
        Interlocked.Increment(ref _written);
    }

    private FileStream FileFor(DateOnly day, int nextLineLength)
    {
        if (_file is not null && day == _fileDay && _file.Length + nextLineLength <= _options.MaxFileBytes)
        {
            return _file;
        }

        if (_file is not null)
        {
            _file.Flush(flushToDisk: true);
            _file.Dispose();
        }

        if (day != _fileDay || _file is null)
        {
            // A new day (or a restart): continue after the last rotation that exists for that day.
            _fileDay = day;
            _fileRotation = LastRotation(day);
        }

        var path = Path.Combine(_options.Directory, EventLogFiles.NameFor(day, _fileRotation));
        if (File.Exists(path) && new FileInfo(path).Length + nextLineLength > _options.MaxFileBytes && new FileInfo(path).Length > 0)
        {
            _fileRotation++;
            path = Path.Combine(_options.Directory, EventLogFiles.NameFor(day, _fileRotation));
        }

        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);
        EnforceTotalCap(path);
        return _file;
    }

    private int LastRotation(DateOnly day)
    {
        var rotation = 0;
        while (File.Exists(Path.Combine(_options.Directory, EventLogFiles.NameFor(day, rotation + 1))))
        {
            rotation++;
        }

        return rotation;
    }

    private void EnforceTotalCap(string current)
    {
        var files = EventLogFiles.InOrder(_options.Directory).Select(p => new FileInfo(p)).ToList();
        var total = files.Sum(f => f.Length);
        foreach (var file in files)
        {
            if (total <= _options.MaxTotalBytes)
            {
                break;
            }

            if (string.Equals(file.FullName, Path.GetFullPath(current), StringComparison.Ordinal))
            {
                continue;
            }

            total -= file.Length;
            file.Delete();
        }
    }
}
