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
            DiameterAnswerReceived answer when envelope.Continuation?.Step == "lia" => Lia(envelope, answer),
            DiameterAnswerReceived answer => Uaa(envelope, answer),
            SipResponseReceived response => ResponseRelay.Relay(envelope, response, ImsRole.Icscf),
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
            return Terminating(received, request);
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
        if (!RegisterState.TryResume(envelope.Continuation, out var state, out var request))
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

    /// <summary>TS 24.229 5.3.2.1: a request for a user of this network; LIR asks the HSS which S-CSCF serves the callee.</summary>
    private FunctionOutcome Terminating(SipRequestReceived received, SipMessage request)
    {
        if (request.RequestUri is not { } target || !(target.IsSip || target.IsTel))
        {
            return FunctionOutcome.Of(
                $"{request.Method} refused: Request-URI {request.RequestUriText} is not a SIP or tel URI",
                SipReply.Command(received.TransactionId, request, 416, "Unsupported URI Scheme", ImsRole.Icscf));
        }

        var impu = target.AddressOfRecord;
        var state = RegisterState.Of(received) with { Impu = impu };
        return FunctionOutcome.Of(
            $"{request.Method} for {impu}: LIR",
            CxRequest.Command(CxRequest.Lir(_options, received.TransactionId, impu), state.ToContinuation(Name, "lia")));
    }

    private FunctionOutcome Lia(BusEnvelope envelope, DiameterAnswerReceived received)
    {
        if (!RegisterState.TryResume(envelope.Continuation, out var state, out var request))
        {
            return FunctionOutcome.Of("LIA without a usable continuation; dropped");
        }

        var answer = CxAnswer.Of(received);
        if (answer.Message is null)
        {
            return Refuse(state, request, 480, "Temporarily Unavailable", $"LIR got no answer ({answer.Outcome})");
        }

        if (answer.Is(DiameterExperimentalResultCode.ErrorUserUnknown))
        {
            // TS 24.229 5.3.2.1: the callee is not a user of this network.
            return Refuse(state, request, 404, "Not Found", "HSS: user unknown (e5001)");
        }

        if (answer.Is(DiameterExperimentalResultCode.ErrorIdentityNotRegistered) || !answer.IsSuccess)
        {
            return Refuse(state, request, 480, "Temporarily Unavailable", $"HSS: {state.Impu} not reachable ({answer.Outcome})");
        }

        if (ScscfSelection.Select(answer.Message, _options.ScscfCandidates, out var how) is not { } scscf)
        {
            return Refuse(state, request, 480, "Temporarily Unavailable", $"no S-CSCF: {how}");
        }

        var editor = ProxyHop.Forward(request, ImsRole.Icscf, state.Local, SipTransport.Udp);
        ProxyHop.PopOwnRoute(editor, request, _options.IcscfUri, "sip:" + state.Local);
        return FunctionOutcome.Of(
            $"LIA {answer.Outcome}: {request.Method} for {state.Impu} forwarded to {scscf} ({how})",
            new OutgoingCommand(new ForwardSipRequest(state.TransactionId, editor.ToArray(), scscf), state.ToContinuation(Name, "relay")));
    }

    private static FunctionOutcome Refuse(RegisterState state, SipMessage request, int status, string reason, string why) =>
        state.Refuse(request, status, reason, why, ImsRole.Icscf);
}
