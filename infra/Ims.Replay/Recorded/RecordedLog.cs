using Ims.EventLog;
using Ims.Events;

namespace Ims.Replay.Recorded;

/// <summary>
/// A log read back as steps, in the order events were recorded, with the lines that could not be
/// read (file and byte offset) and the function settings of the last host start before them.
/// </summary>
public sealed class RecordedLog
{
    private RecordedLog(IReadOnlyList<RecordedStep> steps, IReadOnlyList<EventLogReadItem> damaged, string? settings)
    {
        Steps = steps;
        Damaged = damaged;
        Settings = settings;
    }

    public IReadOnlyList<RecordedStep> Steps { get; }

    /// <summary>Lines that are corrupt or truncated: replay says where, and replays the rest.</summary>
    public IReadOnlyList<EventLogReadItem> Damaged { get; }

    /// <summary>The recorded run's function settings (JSON), when its host start is in the log.</summary>
    public string? Settings { get; }

    public static RecordedLog Read(string path) => From(EventLogReader.Read(path));

    public static RecordedLog From(IEnumerable<EventLogReadItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var events = new List<(BusEnvelope Envelope, bool Redacted, string Location)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var commands = new Dictionary<string, BusEnvelope>(StringComparer.Ordinal);
        var decisions = new Dictionary<string, FunctionDecision>(StringComparer.Ordinal);
        var damaged = new List<EventLogReadItem>();
        string? settings = null;
        foreach (var item in items)
        {
            switch (item.Record)
            {
                case null:
                    damaged.Add(item);
                    break;
                case { Start: { } start }:
                    settings = start.Settings;
                    break;
                case { Decision: { } decision }:
                    // A redelivered event is decided once; the first decision is the one that ran.
                    decisions.TryAdd(decision.EventId, decision);
                    break;
                case { Envelope: { Message.IsCommand: true } command }:
                    commands.TryAdd(command.Id, command);
                    break;
                case { Envelope: { } envelope } record when seen.Add(envelope.Id):
                    events.Add((envelope, record.Redacted == true, item.ToString()));
                    break;
            }
        }

        var steps = new List<RecordedStep>(events.Count);
        foreach (var (envelope, redacted, location) in events)
        {
            var decision = decisions.GetValueOrDefault(envelope.Id);
            var ids = decision?.CommandIds ?? [];
            steps.Add(new RecordedStep(steps.Count + 1, envelope, redacted, decision, [.. ids.Where(commands.ContainsKey).Select(id => commands[id])], location)
            {
                MissingCommands = [.. ids.Where(id => !commands.ContainsKey(id))],
            });
        }

        return new RecordedLog(steps, damaged, settings);
    }
}
