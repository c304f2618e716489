using Ims.Events;
using Ims.Functions;
using Ims.Sip;
using Ims.Sip.Building;

namespace Ims.Cscf.Proxy;

/// <summary>A response this role makes itself, as a command for the suspended transaction.</summary>
internal static class SipReply
{
    public static SipResponseBuilder Builder(SipMessage request, int status, string reason, ImsRole role) =>
        new SipResponseBuilder(request, status, reason)
            // RFC 3261 8.2.6.2: a To tag when the request had none; derived, so replay reproduces it.
            .WithToTag(DerivedToken.Of(role.ToString(), request.CallId, request.From?.Tag, request.First(Ims.Sip.Parsing.SipHeaderKind.CSeq))[..16]);

    public static OutgoingCommand Command(string transactionId, SipResponseBuilder response) =>
        new(new SendSipResponse(transactionId, response.ToArray()));

    public static OutgoingCommand Command(string transactionId, SipMessage request, int status, string reason, ImsRole role) =>
        Command(transactionId, Builder(request, status, reason, role));
}
