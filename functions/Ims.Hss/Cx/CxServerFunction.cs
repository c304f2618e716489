using Ims.Diameter.Codec;
using Ims.Events;
using Ims.Functions;

namespace Ims.Hss.Cx;

/// <summary>
/// The HSS as a function on the bus: a Cx request the edge received becomes the answer the edge
/// sends back to the same peer, with the HSS's decision as the outcome's sentence. The same adapter
/// runs in `ims up`, in the Functions app and under replay.
/// </summary>
public sealed class CxServerFunction(HomeSubscriberServer hss) : IImsFunction
{
    private readonly HomeSubscriberServer _hss = hss ?? throw new ArgumentNullException(nameof(hss));

    public string Name => "hss.cx";

    public bool Accepts(BusEnvelope envelope) =>
        envelope?.Message is DiameterRequestReceived { Role: ImsRole.Hss };

    public async ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Message is not DiameterRequestReceived { Role: ImsRole.Hss } received)
        {
            // The dispatcher only hands over what Accepts took; anything else is a wiring mistake, not peer input.
            return FunctionOutcome.Of($"{Name} does not handle {envelope.Message?.GetType().Name ?? "an empty envelope"}");
        }

        var decoded = DiameterDecoder.Decode(received.Message);
        var answered = decoded.IsSuccess
            ? await _hss.HandleAsync(decoded.Message, cancellationToken).ConfigureAwait(false)
            : _hss.Reject(decoded.Error);
        if (answered is null)
        {
            // An answer, or bytes without a request header: RFC 6733 7.2 answers requests only.
            return FunctionOutcome.Of($"nothing to answer from {received.PeerId}: {(decoded.IsSuccess ? "not a request" : decoded.Error!.Detail)}");
        }

        return FunctionOutcome.Of(
            answered.Decision,
            new OutgoingCommand(new SendDiameterAnswer(received.PeerId, DiameterEncoder.Encode(answered.Answer))));
    }
}
