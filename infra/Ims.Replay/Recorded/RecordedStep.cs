using Ims.EventLog;
using Ims.Events;

namespace Ims.Replay.Recorded;

/// <summary>
/// One recorded step: an event a function handled, the decision it took (with the store calls it
/// made) and the commands it sent, with where in the log the event was.
/// </summary>
public sealed record RecordedStep(
    int Number,
    BusEnvelope Event,
    bool EventRedacted,
    FunctionDecision? Decision,
    IReadOnlyList<BusEnvelope> Commands,
    string Location)
{
    /// <summary>Command ids the decision named that the log does not hold (a truncated or damaged log).</summary>
    public IReadOnlyList<string> MissingCommands { get; init; } = [];
}
