using Ims.Diameter.Codec;
using Ims.Diameter.Messages;
using Ims.Events;

namespace Ims.Functions;

/// <summary>
/// A Diameter server (HSS, OCS, PCRF) as a function on the bus: a request the edge received for its
/// role becomes the answer the edge sends back to the same peer, with the server's decision as the
/// outcome's sentence. The same adapter runs in `ims up`, in the Functions app and under replay.
/// </summary>
public abstract class DiameterServerFunction(ImsRole role) : IImsFunction
{
    public abstract string Name { get; }

    public bool Accepts(BusEnvelope envelope) =>
        envelope?.Message is DiameterRequestReceived received && received.Role == role;

    public async ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Message is not DiameterRequestReceived received || received.Role != role)
        {
            // The dispatcher only hands over what Accepts took; anything else is a wiring mistake, not peer input.
            return FunctionOutcome.Of($"{Name} does not handle {envelope.Message?.GetType().Name ?? "an empty envelope"}");
        }

        var decoded = DiameterDecoder.Decode(received.Message);
        var answered = decoded.IsSuccess
            ? await AnswerAsync(decoded.Message, cancellationToken).ConfigureAwait(false)
            : Reject(decoded.Error);
        if (answered is not var (answer, decision))
        {
            // An answer, or bytes without a request header: RFC 6733 7.2 answers requests only.
            return FunctionOutcome.Of($"nothing to answer from {received.PeerId}: {(decoded.IsSuccess ? "not a request" : decoded.Error!.Detail)}");
        }

        return FunctionOutcome.Of(decision, new OutgoingCommand(new SendDiameterAnswer(received.PeerId, DiameterEncoder.Encode(answer))));
    }

    /// <summary>The server's answer to a decoded request and the sentence that says why; null for no answer.</summary>
    protected abstract Task<(DiameterMessage Answer, string Decision)?> AnswerAsync(DiameterMessage request, CancellationToken cancellationToken);

    /// <summary>The error answer to bytes that did not decode (RFC 6733 7.1.3, 7.1.5); null when none is due.</summary>
    protected abstract (DiameterMessage Answer, string Decision)? Reject(DiameterDecodeError error);
}
