using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions;

namespace Ims.Hss.Cx;

/// <summary>
/// The HSS as a function on the bus: a Cx request the edge received becomes the answer the edge
/// sends back. The same adapter runs in `ims up`, in the Functions app and under replay.
/// </summary>
public sealed class CxServerFunction(HomeSubscriberServer hss) : IImsFunction
{
    public string Name => "hss.cx";

    public bool Accepts(BusEnvelope envelope) =>
        envelope?.Message is DiameterRequestReceived { Role: ImsRole.Hss };

    public async ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var received = (DiameterRequestReceived)envelope.Message;
        var decoded = DiameterDecoder.Decode(received.Message);
        if (decoded.Message is not { IsRequest: true } request)
        {
            // Undecodable bytes cannot be answered here: the edge's deadline answers UNABLE_TO_COMPLY.
            return FunctionOutcome.Of($"request from {received.PeerId} did not decode: {decoded.Error}");
        }

        var answer = await hss.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            return FunctionOutcome.Of($"{Describe(request)} from {received.PeerId} left unanswered");
        }

        return FunctionOutcome.Of(
            $"{Describe(request)} for {request.GetString(Avps.UserName) ?? request.GetString(Avps.PublicIdentity) ?? "?"} answered {Outcome(answer)}",
            new OutgoingCommand(new SendDiameterAnswer(received.PeerId, DiameterEncoder.Encode(answer))));
    }

    private static string Describe(DiameterMessage request) =>
        DiameterDictionary.Ims.FindCommand(request.ApplicationId, request.CommandCode)?.RequestAbbreviation
        ?? $"command {request.CommandCode}";

    // The result only, never the vectors or keys the answer carries.
    private static string Outcome(DiameterMessage answer)
    {
        if (answer.GetUnsigned32(Avps.ResultCode) is { } result)
        {
            return new DiameterResultCode(result).ToString();
        }

        return answer.Find(Avps.ExperimentalResult)?.Find(Avps.ExperimentalResultCode.Code) is { } code && code.TryGetUnsigned32(out var experimental)
            ? new DiameterExperimentalResultCode(experimental).ToString()
            : "without a result";
    }
}
