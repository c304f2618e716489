using System.Globalization;
using System.Text;
using Ims.Replay.Replaying;

namespace Ims.Replay.Reporting;

/// <summary>
/// What replay prints: per step the handler, the event, what it decided then and today, and where
/// the commands differ ("step N scscf on sip.request.received INVITE …: recorded X, today Y").
/// </summary>
public static class ReplayReport
{
    public static string Steps(IReadOnlyList<StepOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var text = new StringBuilder();
        foreach (var o in outcomes)
        {
            text.Append(CultureInfo.InvariantCulture, $"step {o.Step.Number} {o.Function} on {CommandComparison.Describe(o.Step.Event)} [{Word(o.Verdict)}]\n");
            text.Append("  recorded: ").Append(o.Step.Decision?.Decision ?? "(no decision recorded)").Append('\n');
            if (o.Step.Decision is not null && !string.Equals(o.Step.Decision.Decision, o.TodayDecision, StringComparison.Ordinal))
            {
                text.Append("  today:    ").Append(o.TodayDecision).Append('\n');
            }

            foreach (var command in o.Step.Commands)
            {
                text.Append("    -> ").Append(CommandComparison.Describe(command)).Append('\n');
            }

            foreach (var difference in o.Differences)
            {
                text.Append(CultureInfo.InvariantCulture, $"  step {o.Step.Number} {o.Function} on {o.Step.Event.Type}: {difference}\n");
            }

            foreach (var note in o.Notes)
            {
                text.Append("  note: ").Append(note).Append('\n');
            }
        }

        return text.ToString();
    }

    public static string Summary(IReadOnlyList<StepOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        int Count(StepVerdict v) => outcomes.Count(o => o.Verdict == v);
        return string.Create(CultureInfo.InvariantCulture,
            $"{outcomes.Count} steps: {Count(StepVerdict.Same)} same, {Count(StepVerdict.Differs)} differ, {Count(StepVerdict.NotReDerivable)} not re-derivable, {Count(StepVerdict.NotRecorded)} without a recorded decision");
    }

    private static string Word(StepVerdict verdict) => verdict switch
    {
        StepVerdict.Same => "same",
        StepVerdict.Differs => "DIFFERS",
        StepVerdict.NotReDerivable => "not re-derivable",
        _ => "no recorded decision",
    };
}
