using Ims.Events;

namespace Ims.Functions;

/// <summary>
/// What a function decided: the commands for the edge, and one human sentence saying why
/// (e.g. "MAR answered: 1 AKAv1-MD5 vector, SQN 0x000000000021"). Replay prints the decision.
/// </summary>
public sealed record FunctionOutcome(IReadOnlyList<OutgoingCommand> Commands, string Decision)
{
    public static FunctionOutcome Of(string decision, params OutgoingCommand[] commands) => new(commands, decision);
}

/// <summary>A command to send, with the continuation that must come back with its result, if any.</summary>
public sealed record OutgoingCommand(BusMessage Message, Continuation? Continuation = null);
