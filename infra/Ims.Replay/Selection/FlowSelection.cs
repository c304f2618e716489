using Ims.Replay.Recorded;

namespace Ims.Replay.Selection;

/// <summary>
/// Picks the steps of one flow out of a log: the steps whose event or commands carry the Call-ID or
/// IMPI asked for, then every step linked to those by Call-ID, Diameter Session-Id or transaction
/// (so a dialog brings its LIR and the HSS's answer, a registration its UAR, MAR and SAR), within
/// the time window. Steps are numbered again 1..n in recorded order.
/// </summary>
public static class FlowSelection
{
    public static IReadOnlyList<RecordedStep> Select(IReadOnlyList<RecordedStep> steps, FlowFilter filter)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(filter);
        var inWindow = steps.Where(s => filter.InWindow(s.Event.Time)).ToList();
        List<RecordedStep> chosen;
        if (filter.CallId is null && filter.Impi is null)
        {
            chosen = inWindow;
        }
        else
        {
            var links = inWindow.ToDictionary(s => s, s => Envelopes(s).SelectMany(MessageKeys.Links).ToHashSet(StringComparer.Ordinal));
            var selected = inWindow.Where(s => Seeds(s, filter)).ToHashSet();
            var keys = selected.SelectMany(s => links[s]).ToHashSet(StringComparer.Ordinal);
            // Follow the links until nothing new joins: a Call-ID brings transactions, those bring Cx sessions.
            for (var grew = true; grew;)
            {
                grew = false;
                foreach (var step in inWindow.Where(s => !selected.Contains(s) && links[s].Overlaps(keys)))
                {
                    selected.Add(step);
                    keys.UnionWith(links[step]);
                    grew = true;
                }
            }

            chosen = inWindow.Where(selected.Contains).ToList();
        }

        return [.. chosen.Select((s, i) => s with { Number = i + 1 })];
    }

    private static bool Seeds(RecordedStep step, FlowFilter filter) =>
        Envelopes(step).Any(e =>
            (filter.CallId is null || string.Equals(MessageKeys.CallId(e.Message), filter.CallId, StringComparison.Ordinal))
            && (filter.Impi is null || string.Equals(MessageKeys.Impi(e.Message), filter.Impi, StringComparison.OrdinalIgnoreCase)));

    private static IEnumerable<Ims.Events.BusEnvelope> Envelopes(RecordedStep step) => [step.Event, .. step.Commands];
}
