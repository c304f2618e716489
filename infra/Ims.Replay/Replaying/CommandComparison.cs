using System.Text;
using Ims.Events;
using Ims.Replay.Recorded;

namespace Ims.Replay.Replaying;

/// <summary>
/// Compares the commands a step sent when recorded with the ones today's code sends, both redacted
/// alike, envelope and all (ids and time are injected from the recording, so they only differ when
/// the decision does). Says what differs in protocol words: which message, which line.
/// </summary>
internal static class CommandComparison
{
    public static IReadOnlyList<string> Differences(IReadOnlyList<BusEnvelope> recorded, IReadOnlyList<BusEnvelope> today)
    {
        var differences = new List<string>();
        for (var i = 0; i < Math.Max(recorded.Count, today.Count); i++)
        {
            if (i >= recorded.Count)
            {
                differences.Add($"command {i + 1}: recorded none, today {Describe(today[i])}");
                continue;
            }

            if (i >= today.Count)
            {
                differences.Add($"command {i + 1}: recorded {Describe(recorded[i])}, today none");
                continue;
            }

            if (BusEnvelopeJson.Serialize(recorded[i]).AsSpan().SequenceEqual(BusEnvelopeJson.Serialize(today[i])))
            {
                continue;
            }

            var (was, now) = (Describe(recorded[i]), Describe(today[i]));
            differences.Add(was != now
                ? $"command {i + 1}: recorded {was}, today {now}"
                : $"command {i + 1} ({was}): {FirstDifference(recorded[i], today[i])}");
        }

        return differences;
    }

    public static string Describe(BusEnvelope envelope) => $"{envelope.Type} {MessageText.Summary(envelope.Message)}";

    private static string FirstDifference(BusEnvelope recorded, BusEnvelope today)
    {
        if (recorded.Continuation != today.Continuation)
        {
            return $"recorded continuation {recorded.Continuation}, today {today.Continuation}";
        }

        var was = Lines(MessageText.Full(recorded.Message));
        var now = Lines(MessageText.Full(today.Message));
        for (var line = 0; line < Math.Max(was.Length, now.Length); line++)
        {
            var a = line < was.Length ? was[line] : "(none)";
            var b = line < now.Length ? now[line] : "(none)";
            if (a != b)
            {
                return $"line {line + 1}: recorded \"{a}\", today \"{b}\"";
            }
        }

        return "envelope fields differ (" + Envelope(recorded) + " vs " + Envelope(today) + ")";
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    private static string Envelope(BusEnvelope e) =>
        new StringBuilder().Append(e.Id).Append(' ').Append(e.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            .Append(' ').Append(e.EdgeId).Append(' ').Append(e.PartitionKey).Append(' ').Append(e.Correlation).ToString();
}
