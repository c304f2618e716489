using Ims.EventLog;

namespace Ims.EndToEnd.Tests.Support;

/// <summary>
/// Reads a running (or stopped) `ims up`'s event log until what a test waits for has been recorded:
/// the log is written by a background loop, so a decision shows up shortly after its effect.
/// </summary>
internal static class RecordedDecisions
{
    /// <summary>Every record in the data folder's log, read again every 100 ms until <paramref name="done"/> holds or the attempts run out.</summary>
    public static async Task<IReadOnlyList<EventLogRecord>> UntilAsync(string data, Func<IReadOnlyList<EventLogRecord>, bool> done, int attempts, CancellationToken cancellationToken)
    {
        IReadOnlyList<EventLogRecord> records = [];
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var folder = Path.Combine(data, "events");
            records = Directory.Exists(folder)
                ? [.. Directory.GetFiles(folder).SelectMany(EventLogReader.Read).Select(i => i.Record).OfType<EventLogRecord>()]
                : [];
            if (done(records))
            {
                break;
            }

            await Task.Delay(100, cancellationToken);
        }

        return records;
    }
}
