using Ims.Diameter.Codec;
using Ims.Events;
using Ims.Functions;

namespace Ims.Pcrf.Rx;

/// <summary>
/// The PCRF as a function on the bus: an Rx request the edge received for the PCRF role becomes the
/// answer the edge sends back to the same peer. The same adapter runs in `ims up`, in the
/// Functions app and under replay.
/// </summary>
public sealed class PcrfFunction(PolicyServer pcrf) : IImsFunction
{
    private readonly PolicyServer _pcrf = pcrf ?? throw new ArgumentNullException(nameof(pcrf));

    public string Name => "pcrf.rx";

    public bool Accepts(BusEnvelope envelope) =>
        envelope?.Message is DiameterRequestReceived { Role: ImsRole.Pcrf };

    public async ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Message is not DiameterRequestReceived { Role: ImsRole.Pcrf } received)
        {
            return FunctionOutcome.Of($"{Name} does not handle {envelope.Message?.GetType().Name ?? "an empty envelope"}");
        }

        var decoded = DiameterDecoder.Decode(received.Message);
        var answered = decoded.IsSuccess
            ? await _pcrf.HandleAsync(decoded.Message, cancellationToken).ConfigureAwait(false)
            : _pcrf.Reject(decoded.Error);
        if (answered is null)
        {
            return FunctionOutcome.Of($"nothing to answer from {received.PeerId}: {(decoded.IsSuccess ? "not a request" : decoded.Error!.Detail)}");
        }

        return FunctionOutcome.Of(
            answered.Decision,
            new OutgoingCommand(new SendDiameterAnswer(received.PeerId, DiameterEncoder.Encode(answered.Answer))));
    }
}
