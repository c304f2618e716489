namespace Ims.EventLog;

/// <summary>
/// Reads log files back. A corrupt or truncated line is reported with its file and byte offset and
/// reading goes on at the next line, so the intact part of a damaged log still replays.
/// </summary>
public static class EventLogReader
{
    /// <summary>Every item of every log file in a folder, oldest first; a single file path is read alone.</summary>
    public static IEnumerable<EventLogReadItem> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var files = File.Exists(path) ? [path] : EventLogFiles.InOrder(path);
        foreach (var file in files)
        {
            foreach (var item in ReadFile(file))
            {
                yield return item;
            }
        }
    }

    private static IEnumerable<EventLogReadItem> ReadFile(string file)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (IOException ex)
        {
            return [new EventLogReadItem(file, 0, null, $"cannot read: {ex.Message}")];
        }

        var items = new List<EventLogReadItem>();
        var offset = 0;
        while (offset < bytes.Length)
        {
            var length = Array.IndexOf(bytes, (byte)'\n', offset) - offset;
            if (length < 0)
            {
                // The writer always ends a record with a newline: anything after the last one is a torn write.
                items.Add(new EventLogReadItem(file, offset, null, $"truncated record ({bytes.Length - offset} bytes without an end of line)"));
                break;
            }

            var record = EventLogLine.Decode(bytes.AsSpan(offset, length), out var error);
            items.Add(new EventLogReadItem(file, offset, record, error));
            offset += length + 1;
        }

        return items;
    }
}
