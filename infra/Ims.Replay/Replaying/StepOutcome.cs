using Ims.Events;
using Ims.Replay.Recorded;

namespace Ims.Replay.Replaying;

/// <summary>How a replayed step compares with its recording.</summary>
public enum StepVerdict
{
    /// <summary>Today's code sent exactly the recorded commands.</summary>
    Same,

    /// <summary>Today's code decided differently: a regression, or an intended change to review.</summary>
    Differs,

    /// <summary>
    /// The outcome depends on a secret the log never holds (K, OPc, XRES, a Digest response): replay
    /// cannot say whether today's code agrees, and says so instead of guessing.
    /// </summary>
    NotReDerivable,

    /// <summary>The log holds the event but no decision (the log ends there, or the function failed).</summary>
    NotRecorded,
}

/// <summary>One replayed step: the recording, what today's code decided, and how they compare.</summary>
public sealed record StepOutcome(
    RecordedStep Step,
    StepVerdict Verdict,
    string TodayFunction,
    string TodayDecision,
    IReadOnlyList<BusEnvelope> TodayCommands,
    IReadOnlyList<string> Differences,
    IReadOnlyList<string> Notes)
{
    /// <summary>The handler that took the step when it was recorded (the decision's function), or today's.</summary>
    public string Function => Step.Decision?.Function ?? TodayFunction;
}
