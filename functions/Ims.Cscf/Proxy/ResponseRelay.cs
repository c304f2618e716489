using Ims.Cscf.Registration;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;

namespace Ims.Cscf.Proxy;

/// <summary>
/// A response to a request this role forwarded goes back upstream with this role's Via removed
/// (RFC 3261 16.7 steps 3 and 9); a 100 Trying stays here (step 5: the edge sent its own).
/// </summary>
internal static class ResponseRelay
{
    public static FunctionOutcome Relay(BusEnvelope envelope, SipResponseReceived received, ImsRole role)
    {
        if (!RegisterState.TryResume(envelope.Continuation, out var state, out var request)
            || SipMessage.Parse(received.Message).Message is not { IsRequest: false } response)
        {
            return FunctionOutcome.Of("response without a usable continuation; dropped");
        }

        if (response.StatusCode == 100)
        {
            return FunctionOutcome.Of("100 Trying absorbed");
        }

        if (ProxyHop.Relay(response, role, request, state.Attempt ?? 0) is not { } relay)
        {
            return FunctionOutcome.Of($"{response.StatusCode} whose top Via is not this element's; dropped");
        }

        return FunctionOutcome.Of(
            $"{response.StatusCode} {response.ReasonPhrase} to {request.Method} relayed",
            new OutgoingCommand(new SendSipResponse(state.TransactionId, relay.ToArray())));
    }
}
