using Ims.EventLog;
using Ims.Events;
using Ims.Functions;
using Ims.Functions.Catalog;
using Ims.Replay.Recorded;

namespace Ims.Replay.Replaying;

/// <summary>
/// The replay host: runs today's handlers (the same catalog, the same <see cref="FunctionDispatcher"/>
/// the embedded and cloud hosts run) on recorded events in order, each with the store calls it made
/// when recorded, the recorded time and the recorded command ids, and compares the commands.
/// </summary>
/// <remarks>
/// A step that was served a withheld key (K, OPc, HA1) is run twice, with two different stand-ins:
/// when both runs agree the key did not matter and a difference is a real one; when they disagree
/// the outcome depends on the key, and the step is reported as not re-derivable. A step whose event
/// lost a secret (a Digest response, CK, IK, XRES) and that differs is not re-derivable either.
/// </remarks>
public sealed class FlowReplayer
{
    private readonly IEventRedactor _redactor;
    private readonly ReplayTableStore _store = new();
    private readonly ReplayClock _clock = new();
    private readonly RecordedIds _ids = new();
    private readonly FixedRandomSource _random = new();
    private readonly IReadOnlyList<IImsFunction> _functions;

    public FlowReplayer(ImsFunctionSettings settings, IEventRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _redactor = redactor ?? throw new ArgumentNullException(nameof(redactor));
        _functions = ImsFunctionCatalog.Build(_store, settings, _random, _clock);
    }

    public async Task<IReadOnlyList<StepOutcome>> ReplayAsync(IReadOnlyList<RecordedStep> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var outcomes = new List<StepOutcome>(steps.Count);
        foreach (var step in steps)
        {
            outcomes.Add(await ReplayAsync(step, cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    private async Task<StepOutcome> ReplayAsync(RecordedStep step, CancellationToken cancellationToken)
    {
        if (step.Decision is not { } decision)
        {
            var (function, sentence, _) = await RunAsync(step, 0x00, cancellationToken).ConfigureAwait(false);
            _store.EndStep();
            return new StepOutcome(step, StepVerdict.NotRecorded, function, sentence, [], [], ["the log holds this event but no decision for it"]);
        }

        var first = await RunAsync(step, 0x00, cancellationToken).ConfigureAwait(false);
        var secrets = _store.SecretsServed.ToList();
        var notes = new List<string>(_store.Notes);
        var differences = new List<string>();
        if (!string.Equals(first.Function, decision.Function, StringComparison.Ordinal))
        {
            differences.Add($"handler: recorded {decision.Function}, today {first.Function}");
        }

        differences.AddRange(CommandComparison.Differences(step.Commands, first.Commands));
        if (step.MissingCommands.Count > 0)
        {
            notes.Add($"{step.MissingCommands.Count} recorded command(s) are missing from the log");
        }

        var verdict = differences.Count == 0 ? StepVerdict.Same : StepVerdict.Differs;
        if (verdict == StepVerdict.Differs && step.EventRedacted)
        {
            verdict = StepVerdict.NotReDerivable;
            notes.Add("not re-derivable: the event's secret (Digest response, CK, IK or XRES) was withheld from the log");
        }
        else if (verdict == StepVerdict.Differs && secrets.Count > 0)
        {
            // Run again with other stand-ins for the withheld keys: do they change the outcome?
            var second = await RunAsync(step, 0xA5, cancellationToken).ConfigureAwait(false);
            if (CommandComparison.Differences(first.Commands, second.Commands).Count > 0)
            {
                verdict = StepVerdict.NotReDerivable;
                notes.Add($"not re-derivable: needs {string.Join(", ", secrets)}, which the log never holds");
            }
            else
            {
                notes.Add($"the withheld {string.Join(", ", secrets)} did not change this step's outcome, so the difference is real");
            }
        }

        _store.EndStep();
        notes.AddRange(_store.Notes.Where(n => !notes.Contains(n)));
        return new StepOutcome(step, verdict, first.Function, first.Decision, first.Commands, differences, notes);
    }

    private async Task<(string Function, string Decision, IReadOnlyList<BusEnvelope> Commands)> RunAsync(RecordedStep step, byte standIn, CancellationToken cancellationToken)
    {
        _store.BeginStep(step.Decision?.Store ?? [], standIn);
        _random.Value = standIn;
        _clock.Now = step.Commands.Count > 0 ? step.Commands[0].Time : step.Event.Time;
        _ids.Load(step.Decision?.CommandIds ?? []);
        // A fresh dispatcher per run: replay must run the handler, not recall an earlier outcome.
        var dispatcher = new FunctionDispatcher(_functions, _clock, _ids, rememberedEvents: 0);
        try
        {
            var result = await dispatcher.DispatchAsync(step.Event, cancellationToken).ConfigureAwait(false);
            return (result.Function, result.Decision, [.. result.Commands.Select(_redactor.Redact)]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A handler must not throw; when today's does, that is what replay reports for the step.
            return ("(threw)", $"{ex.GetType().Name}: {ex.Message}", []);
        }
    }
}
