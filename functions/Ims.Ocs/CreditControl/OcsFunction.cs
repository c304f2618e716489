using Ims.Diameter.Codec;
using Ims.Events;
using Ims.Functions;

namespace Ims.Ocs.CreditControl;

/// <summary>
/// The OCS as a function on the bus: a CCR the edge received for the OCS role becomes the CCA the
/// edge sends back to the same peer. The same adapter runs in `ims up`, in the Functions app and
/// under replay.
/// </summary>
public sealed class OcsFunction(OnlineChargingServer ocs) : IImsFunction
{
    private readonly OnlineChargingServer _ocs = ocs ?? throw new ArgumentNullException(nameof(ocs));

    public string Name => "ocs.ro";

    public bool Accepts(BusEnvelope envelope) =>
        envelope?.Message is DiameterRequestReceived { Role: ImsRole.Ocs };

    public async ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Message is not DiameterRequestReceived { Role: ImsRole.Ocs } received)
        {
            return FunctionOutcome.Of($"{Name} does not handle {envelope.Message?.GetType().Name ?? "an empty envelope"}");
        }

        var decoded = DiameterDecoder.Decode(received.Message);
        var answered = decoded.IsSuccess
            ? await _ocs.HandleAsync(decoded.Message, cancellationToken).ConfigureAwait(false)
            : _ocs.Reject(decoded.Error);
        if (answered is null)
        {
            return FunctionOutcome.Of($"nothing to answer from {received.PeerId}: {(decoded.IsSuccess ? "not a request" : decoded.Error!.Detail)}");
        }

        return FunctionOutcome.Of(
            answered.Decision,
            new OutgoingCommand(new SendDiameterAnswer(received.PeerId, DiameterEncoder.Encode(answered.Answer))));
    }
}
