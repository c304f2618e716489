using Ims.Cscf.Cx;
using Ims.Cscf.Proxy;
using Ims.Cscf.Registration;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;

namespace Ims.Cscf.Icscf;

/// <summary>
/// The I-CSCF for registration (TS 24.229 5.3.1): asks the HSS with UAR whether the user may
/// register and which S-CSCF serves it, forwards the REGISTER there, and relays the answers back.
/// Cx refusals become 403, an HSS that does not answer 480, no S-CSCF 600 (TS 24.229 5.3.1.2).
/// </summary>
public sealed class IcscfFunction(CscfOptions options) : IImsFunction
{
    private readonly CscfOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => "icscf";

    public bool Accepts(BusEnvelope envelope) => envelope?.Message switch
    {
        SipRequestReceived { Role: ImsRole.Icscf } => true,
        SipResponseReceived { Role: ImsRole.Icscf } or DiameterAnswerReceived => envelope.Continuation?.Handler == Name,
        _ => false,
    };

    public ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return ValueTask.FromResult(envelope.Message switch
        {
            SipRequestReceived received => Request(received),
            DiameterAnswerReceived answer => Uaa(envelope, answer),
            SipResponseReceived response => Relay(envelope, response),
            _ => FunctionOutcome.Of($"{Name} does not handle {envelope.Type}"),
        });
    }

    private FunctionOutcome Request(SipRequestReceived received)
    {
        if (SipMessage.Parse(received.Message).Message is not { IsRequest: true } request)
        {
            return FunctionOutcome.Of("request unreadable; left to the edge's deadline");
        }

        if (request.Method == "ACK")
        {
            return FunctionOutcome.Of("ACK absorbed");
        }

        if (request.Method != "REGISTER")
        {
            return FunctionOutcome.Of(
                $"{request.Method} refused: the I-CSCF routes only REGISTER",
                SipReply.Command(received.TransactionId, request, 501, "Not Implemented", ImsRole.Icscf));
        }

        if (RegisterRequest.Read(request, _options.DefaultExpires, out var error) is not { } register)
        {
            return FunctionOutcome.Of($"REGISTER refused: {error}", SipReply.Command(received.TransactionId, request, 400, "Bad Request - " + error, ImsRole.Icscf));
        }

        // TS 24.229 5.3.1.2: User-Authorization-Type DE_REGISTRATION when every binding goes.
        var type = register.IsDeregistration ? UserAuthorizationType.DeRegistration : UserAuthorizationType.Registration;
        var visited = request.PVisitedNetworkId ?? _options.HomeDomain;
        var uar = CxRequest.Uar(_options, received.TransactionId, register.Impi, register.Impu, visited, type);
        var state = RegisterState.Of(received) with { Impi = register.Impi, Impu = register.Impu };
        return FunctionOutcome.Of(
            $"UAR for {register.Impi} / {register.Impu} from {visited} ({type})",
            CxRequest.Command(uar, state.ToContinuation(Name, "uaa")));
    }

    private FunctionOutcome Uaa(BusEnvelope envelope, DiameterAnswerReceived received)
    {
        var state = RegisterState.From(envelope.Continuation);
        if (state is null || SipMessage.Parse(state.Request).Message is not { IsRequest: true } request)
        {
            return FunctionOutcome.Of("UAA without a usable continuation; dropped");
        }

        var answer = CxAnswer.Of(received);
        if (answer.Message is null)
        {
            return Refuse(state, request, 480, "Temporarily Unavailable", $"UAR got no answer ({answer.Outcome})");
        }

        if (!answer.IsSuccess)
        {
            return answer switch
            {
                _ when answer.Is(DiameterExperimentalResultCode.ErrorUserUnknown) => Refuse(state, request, 403, "Forbidden - Unknown User", "HSS: user unknown (e5001)"),
                _ when answer.Is(DiameterExperimentalResultCode.ErrorIdentitiesDontMatch) => Refuse(state, request, 403, "Forbidden - Identities Do Not Match", "HSS: IMPI and IMPU do not match (e5002)"),
                _ when answer.Is(DiameterExperimentalResultCode.ErrorRoamingNotAllowed) => Refuse(state, request, 403, "Forbidden - Roaming Not Allowed", "HSS: roaming not allowed (e5004)"),
                _ when answer.ResultCode == DiameterResultCode.AuthorizationRejected.Value => Refuse(state, request, 403, "Forbidden - Authorization Rejected", "HSS: authorization rejected (5003)"),
                _ when answer.Is(DiameterExperimentalResultCode.ErrorIdentityNotRegistered) => Refuse(state, request, 403, "Forbidden - Not Registered", "HSS: identity not registered (e5003)"),
                _ => Refuse(state, request, 480, "Temporarily Unavailable", $"HSS refused the UAR ({answer.Outcome})"),
            };
        }

        if (ScscfSelection.Select(answer.Message, _options.ScscfCandidates, out var how) is not { } scscf)
        {
            return Refuse(state, request, 600, "Busy Everywhere", $"no S-CSCF: {how}");
        }

        var editor = ProxyHop.Forward(request, ImsRole.Icscf, state.Local, SipTransport.Udp);
        ProxyHop.PopOwnRoute(editor, request, _options.IcscfUri, "sip:" + state.Local);
        return FunctionOutcome.Of(
            $"UAA {answer.Outcome}: REGISTER for {state.Impu} forwarded to {scscf} ({how})",
            new OutgoingCommand(new ForwardSipRequest(state.TransactionId, editor.ToArray(), scscf), state.ToContinuation(Name, "register")));
    }

    private FunctionOutcome Relay(BusEnvelope envelope, SipResponseReceived received)
    {
        var state = RegisterState.From(envelope.Continuation);
        if (state is null
            || SipMessage.Parse(state.Request).Message is not { IsRequest: true } request
            || SipMessage.Parse(received.Message).Message is not { IsRequest: false } response)
        {
            return FunctionOutcome.Of("response without a usable continuation; dropped");
        }

        if (response.StatusCode == 100)
        {
            return FunctionOutcome.Of("100 Trying absorbed");
        }

        if (ProxyHop.Relay(response, ImsRole.Icscf, request) is not { } relay)
        {
            return FunctionOutcome.Of($"{response.StatusCode} whose top Via is not the I-CSCF's; dropped");
        }

        return FunctionOutcome.Of(
            $"{response.StatusCode} {response.ReasonPhrase} from the S-CSCF relayed",
            new OutgoingCommand(new SendSipResponse(state.TransactionId, relay.ToArray())));
    }

    private static FunctionOutcome Refuse(RegisterState state, SipMessage request, int status, string reason, string why) =>
        FunctionOutcome.Of($"REGISTER for {state.Impu} refused with {status}: {why}", SipReply.Command(state.TransactionId, request, status, reason, ImsRole.Icscf));
}
