using Ims.Cscf.Proxy;
using Ims.Cscf.Registration;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;
using Ims.Sip.Parsing;
using Ims.Sip.Uris;

namespace Ims.Cscf.Scscf;

public sealed partial class ScscfRegistrar
{
    /// <summary>
    /// A request other than REGISTER (TS 24.229 5.4.3): originating when it comes along the
    /// Service-Route ("orig"), in-dialog when it follows the route set, terminating otherwise, towards
    /// the callee's registered contact through the Path of its registration.
    /// </summary>
    private async Task<FunctionOutcome> RouteAsync(BusEnvelope envelope, SipRequestReceived received, SipMessage request, CancellationToken cancellationToken)
    {
        var relay = RegisterState.Of(received).ToContinuation(Name, "relay");
        var initial = request.To?.Tag is null;
        var ownRoute = LooseRouting.TopRouteIsOwn(request, _options.ScscfUri, "sip:" + received.Local);
        if (ownRoute && initial && LooseRouting.TopRouteUser(request) == "orig")
        {
            return Originating(received, request, relay);
        }

        if (!initial || ownRoute)
        {
            return FunctionOutcome.Of(
                $"{request.Method} routed through the S-CSCF to {LooseRouting.NextHop(request, ownRoute)}",
                LooseRouting.Forward(received, request, ImsRole.Scscf, _options.ScscfUri, relay));
        }

        return await TerminatingAsync(envelope, received, request, relay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>TS 24.229 5.4.3.2: the caller's S-CSCF sends the request on towards the callee's home network (its I-CSCF).</summary>
    private FunctionOutcome Originating(SipRequestReceived received, SipMessage request, Continuation relay)
    {
        var editor = ProxyHop.Forward(request, ImsRole.Scscf, received.Local, SipTransport.Udp);
        editor.RemoveFirstValue(SipHeaderKind.Route);
        if (request.Method is "INVITE" or "SUBSCRIBE" or "REFER")
        {
            LooseRouting.AddRecordRoute(editor, _options.ScscfUri);
        }

        // A callee of this home network is found through the I-CSCF (LIR); any other goes by its Request-URI.
        var target = request.RequestUri;
        var home = target is not null && (target.IsTel || string.Equals(target.Host, _options.HomeDomain, StringComparison.OrdinalIgnoreCase));
        var nextHop = request.Routes.Skip(1).FirstOrDefault()?.Uri.Text ?? (home ? _options.IcscfUri : request.RequestUriText);
        return FunctionOutcome.Of(
            $"originating {request.Method} from {request.PAssertedIdentities.FirstOrDefault()?.Uri.Text} to {request.RequestUriText}: on to {nextHop}",
            new OutgoingCommand(new ForwardSipRequest(received.TransactionId, editor.ToArray(), nextHop), relay));
    }

    /// <summary>TS 24.229 5.4.3.3: the callee's S-CSCF retargets to a registered contact and routes through that contact's Path.</summary>
    private async Task<FunctionOutcome> TerminatingAsync(BusEnvelope envelope, SipRequestReceived received, SipMessage request, Continuation relay, CancellationToken cancellationToken)
    {
        var impu = request.RequestUri?.AddressOfRecord ?? request.RequestUriText;
        var rows = await RegistrarBindings.ReadAsync(_store, impu, cancellationToken).ConfigureAwait(false);
        var contact = RegistrarBindings.LiveContacts(rows, envelope.Time).OrderByDescending(r => r.GetDateTimeOffset("ExpiresAt")).FirstOrDefault();
        if (contact is null)
        {
            // No unregistered services here yet: the callee is not reachable.
            return FunctionOutcome.Of(
                $"terminating {request.Method} for {impu}: not registered",
                SipReply.Command(received.TransactionId, request, 480, "Temporarily Unavailable", ImsRole.Scscf));
        }

        var contactUri = contact.GetString("ContactUri")!;
        var path = (contact.GetString("Path") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var editor = ProxyHop.Forward(request, ImsRole.Scscf, received.Local, SipTransport.Udp);
        editor.SetRequestUri(contactUri);
        var nextHop = LooseRouting.PushRoutes(editor, path, contactUri);

        if (request.Method is "INVITE" or "SUBSCRIBE" or "REFER")
        {
            LooseRouting.AddRecordRoute(editor, _options.ScscfUri);
        }

        return FunctionOutcome.Of(
            $"terminating {request.Method} for {impu}: to contact {contactUri} via {nextHop}",
            new OutgoingCommand(new ForwardSipRequest(received.TransactionId, editor.ToArray(), nextHop), relay));
    }
}
