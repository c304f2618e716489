using System.Collections.Concurrent;
using Ims.Events;
using Ims.Functions;

namespace Ims.Bus.Tests.Contract;

/// <summary>
/// A function with a visible side effect: it counts how often it ran for each event id, and answers
/// each Diameter request with one answer command, so the contract can see whether a redelivered event
/// was applied twice and where the answer went.
/// </summary>
internal sealed class CountingFunction : IImsFunction
{
    public ConcurrentDictionary<string, int> Applied { get; } = new(StringComparer.Ordinal);

    public string Name => "counting";

    public bool Accepts(BusEnvelope envelope) => envelope.Message is DiameterRequestReceived;

    public ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        var request = (DiameterRequestReceived)envelope.Message;
        var times = Applied.AddOrUpdate(envelope.Id, 1, (_, n) => n + 1);
        return ValueTask.FromResult(FunctionOutcome.Of(
            $"answered {envelope.Id} (run {times})",
            new OutgoingCommand(new SendDiameterAnswer(request.PeerId, request.Message))));
    }
}

/// <summary>Sequential ids, so that a test can tell a command made once from one made twice.</summary>
internal sealed class SequentialIds : IEnvelopeIds
{
    private int _next;

    public string Next() => $"cmd-{Interlocked.Increment(ref _next)}";
}
