using System.Globalization;
using System.Text.RegularExpressions;

namespace Ims.EventLog;

/// <summary>Names of the log files: events-YYYY-MM-DD.log, then events-YYYY-MM-DD.N.log after each rotation.</summary>
public static partial class EventLogFiles
{
    [GeneratedRegex(@"^events-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.log$")]
    private static partial Regex FileName();

    public static string NameFor(DateOnly day, int rotation) =>
        rotation == 0
            ? $"events-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.log"
            : $"events-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{rotation.ToString(CultureInfo.InvariantCulture)}.log";

    /// <summary>The log files of a folder in the order they were written (day, then rotation).</summary>
    public static IReadOnlyList<string> InOrder(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, "events-*.log")
            .Select(path => (Path: path, Match: FileName().Match(System.IO.Path.GetFileName(path))))
            .Where(f => f.Match.Success)
            .OrderBy(f => f.Match.Groups[1].Value, StringComparer.Ordinal)
            .ThenBy(f => f.Match.Groups[2].Success ? int.Parse(f.Match.Groups[2].Value, CultureInfo.InvariantCulture) : 0)
            .Select(f => f.Path)
            .ToList();
    }
}
