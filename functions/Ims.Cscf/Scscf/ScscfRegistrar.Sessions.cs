using Ims.Cscf.Isc;
using Ims.Cscf.Proxy;
using Ims.Cscf.Registration;
using Ims.Events;
using Ims.Functions;
using Ims.Ifc.Subscription;
using Ims.Sip;
using Ims.Sip.Syntax;
using Ims.Sip.Uris;

namespace Ims.Cscf.Scscf;

public sealed partial class ScscfRegistrar
{
    /// <summary>
    /// A request other than REGISTER (TS 24.229 5.4.3): originating when it comes along the
    /// Service-Route ("orig"), back from an application server when its top Route carries this
    /// S-CSCF's odi, in-dialog when it follows the route set, terminating otherwise.
    /// </summary>
    private async Task<FunctionOutcome> RouteAsync(BusEnvelope envelope, SipRequestReceived received, SipMessage request, CancellationToken cancellationToken)
    {
        if (ProxyHop.Loops(request, received.Local))
        {
            return FunctionOutcome.Of(
                $"{request.Method} to {request.RequestUriText} has been here before unchanged: a loop",
                SipReply.Command(received.TransactionId, request, 482, "Loop Detected", ImsRole.Scscf));
        }

        var initial = request.To?.Tag is null;
        var ownRoute = LooseRouting.TopRouteIsOwn(request, _options.ScscfUri, "sip:" + received.Local);
        if (ownRoute && initial && request.Routes[0].Uri.Parameters.Get(OriginalDialogIdentifier.Parameter) is { } odiText)
        {
            return await BackFromApplicationServerAsync(envelope, received, request, odiText, cancellationToken).ConfigureAwait(false);
        }

        if (ownRoute && initial && LooseRouting.TopRouteUser(request) == "orig")
        {
            return await OriginatingAsync(envelope, received, request, cancellationToken).ConfigureAwait(false);
        }

        if (!initial || ownRoute)
        {
            var relay = RegisterState.Of(received).ToContinuation(Name, "relay");
            var routed = FunctionOutcome.Of(
                $"{request.Method} routed through the S-CSCF to {LooseRouting.NextHop(request, ownRoute)}",
                LooseRouting.Forward(received, request, ImsRole.Scscf, _options.ScscfUri, relay));
            return request.Method == "BYE"
                ? await ChargedByeAsync(envelope, request, routed, cancellationToken).ConfigureAwait(false)
                : await ChargedDialogRequestAsync(request, routed, cancellationToken).ConfigureAwait(false);
        }

        return await TerminatingAsync(envelope, received, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>TS 24.229 5.4.3.2: the caller (P-Asserted-Identity) is the served user; its originating iFCs run first.</summary>
    private async Task<FunctionOutcome> OriginatingAsync(BusEnvelope envelope, SipRequestReceived received, SipMessage request, CancellationToken cancellationToken)
    {
        var caller = request.PAssertedIdentities.FirstOrDefault()?.Uri.AddressOfRecord;
        if (caller is null)
        {
            return FunctionOutcome.Of(
                $"originating {request.Method} without P-Asserted-Identity: no served user",
                SipReply.Command(received.TransactionId, request, 403, "Forbidden - No Asserted Identity", ImsRole.Scscf));
        }

        if (Charging.Online && request.Method == "INVITE")
        {
            // TS 32.299 6.4.2: the caller's S-CSCF asks the OCS before the session goes on, once per
            // call (a request back from an AS carries the odi and does not come here).
            return CreditInitial(envelope, received, request, caller);
        }

        var served = await ServedUser.ReadAsync(_store, caller, envelope.Time, cancellationToken).ConfigureAwait(false);
        return Services(received, request, served, SessionCase.Originating, afterPriority: null, entering: true, attempt: 0, $"originating {request.Method} from {caller}");
    }

    /// <summary>
    /// TS 24.229 5.4.3.3: the callee's S-CSCF runs the callee's terminating iFCs, then retargets to a
    /// registered contact. A callee with no contact gets its unregistered services, fetched by SAR
    /// UNREGISTERED_USER the first time (TS 29.228 6.1.2), or 480.
    /// </summary>
    private async Task<FunctionOutcome> TerminatingAsync(BusEnvelope envelope, SipRequestReceived received, SipMessage request, CancellationToken cancellationToken)
    {
        var impu = request.RequestUri?.AddressOfRecord ?? request.RequestUriText;
        var served = await ServedUser.ReadAsync(_store, impu, envelope.Time, cancellationToken).ConfigureAwait(false);
        var why = $"terminating {request.Method} for {impu}";
        if (served.Registered)
        {
            return Services(received, request, served, SessionCase.TerminatingRegistered, afterPriority: null, entering: true, attempt: 0, why);
        }

        if (served.Known)
        {
            return Services(received, request, served, SessionCase.TerminatingUnregistered, afterPriority: null, entering: true, attempt: 0, why + " (unregistered)");
        }

        var state = RegisterState.Of(received) with { Impu = impu };
        var sar = Cx.CxRequest.Sar(_options, received.TransactionId, null, impu, Ims.Diameter.Values.ServerAssignmentType.UnregisteredUser);
        return FunctionOutcome.Of($"{why}: not registered here; SAR UNREGISTERED_USER for its unregistered services", Cx.CxRequest.Command(sar, state.ToContinuation(Name, "saa-unregistered")));
    }

    /// <summary>
    /// TS 24.229 5.4.3.2 step 4 and 5.4.3.3 step 3: the request came back from the AS with this
    /// S-CSCF's odi, so evaluation goes on after that AS's iFC. When an AS on the terminating side
    /// changed the Request-URI, the call is diverted: the served user's originating-CDIV iFCs run,
    /// then the request goes on towards the new target (TS 24.229 5.4.3.3 step 1, Rel-8 CDIV).
    /// </summary>
    private async Task<FunctionOutcome> BackFromApplicationServerAsync(BusEnvelope envelope, SipRequestReceived received, SipMessage request, string odiText, CancellationToken cancellationToken)
    {
        if (OriginalDialogIdentifier.Decode(odiText, _options.ScscfUri) is not { } odi)
        {
            return FunctionOutcome.Of(
                $"{request.Method} came back with an odi this S-CSCF did not issue ({odiText})",
                SipReply.Command(received.TransactionId, request, 400, "Bad Request - Unknown odi", ImsRole.Scscf));
        }

        var served = await ServedUser.ReadAsync(_store, odi.ServedUser, envelope.Time, cancellationToken).ConfigureAwait(false);
        var why = $"{request.Method} back from the AS of iFC priority {odi.Priority} ({odi.SessionCase} for {odi.ServedUser})";
        var target = request.RequestUri?.AddressOfRecord;
        if (odi.SessionCase is SessionCase.TerminatingRegistered or SessionCase.TerminatingUnregistered
            && !string.Equals(target, odi.ServedUser, StringComparison.OrdinalIgnoreCase))
        {
            return Services(received, request, served, SessionCase.OriginatingCdiv, afterPriority: null, entering: false, attempt: 0, $"{why}: retargeted to {request.RequestUriText}, diverted");
        }

        return Services(received, request, served, odi.SessionCase, odi.Priority, entering: false, attempt: 0, why);
    }

    /// <summary>
    /// The next iFC of the served user that matches (TS 29.228 Annex C, in Priority order after
    /// <paramref name="afterPriority"/>) sends the request to its AS; when none is left the request
    /// goes on: originating towards the callee's network, terminating to a registered contact (or 480).
    /// </summary>
    private FunctionOutcome Services(SipRequestReceived received, SipMessage request, ServedUser served, SessionCase sessionCase, int? afterPriority, bool entering, int attempt, string why)
    {
        if (served.Profile is { } profile && request.Method is not ("ACK" or "CANCEL"))
        {
            if (new Ims.Ifc.Evaluation.IfcEvaluator().Next(profile, new FilterableSipRequest(request), sessionCase, afterPriority) is { } match)
            {
                return ToApplicationServer(received, request, served, sessionCase, match, entering, attempt, why);
            }
        }

        var none = $"{why}: {(served.Profile is null ? served.Note : afterPriority is null ? "no iFC matches" : "no further iFC matches")}";
        return sessionCase switch
        {
            SessionCase.TerminatingRegistered => ToContact(received, request, served, entering, attempt, none),
            SessionCase.TerminatingUnregistered => FunctionOutcome.Of(
                $"{none}; not registered: 480",
                SipReply.Command(received.TransactionId, request, 480, "Temporarily Unavailable", ImsRole.Scscf)),
            _ => Onward(received, request, entering, attempt, none),
        };
    }

    /// <summary>
    /// TS 24.229 5.4.3.2 step 4: Route to the AS first, then back to this S-CSCF with the odi; the AS
    /// may answer itself, redirect, or send the request on. It must answer within
    /// <see cref="CscfOptions.ApplicationServerTimeout"/>, or the iFC's DefaultHandling applies.
    /// </summary>
    private FunctionOutcome ToApplicationServer(SipRequestReceived received, SipMessage request, ServedUser served, SessionCase sessionCase, Ims.Ifc.Evaluation.IfcMatch match, bool entering, int attempt, string why)
    {
        var server = match.Criterion.ApplicationServer;
        var editor = ProxyHop.Forward(request, ImsRole.Scscf, received.Local, SipTransport.Udp, attempt);
        ProxyHop.PopOwnRoute(editor, request, _options.ScscfUri, "sip:" + received.Local);
        if (entering && IsDialogForming(request))
        {
            LooseRouting.AddRecordRoute(editor, _options.ScscfUri);
        }

        var odi = new OriginalDialogIdentifier(sessionCase, served.Impu, match.Criterion.Priority).Encode(_options.ScscfUri);
        var serverRoute = SipUri.TryParse(server.ServerName, out var serverUri, out _) && serverUri.IsLooseRouting ? $"<{server.ServerName}>" : $"<{server.ServerName};lr>";
        var nextHop = LooseRouting.PushRoutes(editor, [serverRoute, $"<sip:{SipUri.Parse(_options.ScscfUri).HostPort};lr;{OriginalDialogIdentifier.Parameter}={odi}>"], server.ServerName);
        var leg = new ServiceLeg(sessionCase, served.Impu, match.Criterion.Priority, server.ServerName, server.DefaultHandling, entering);
        var state = RegisterState.Of(received) with { Impu = served.Impu, Attempt = attempt == 0 ? null : attempt, Service = leg };
        return FunctionOutcome.Of(
            $"{why}: {match.Explanation}; to AS {server.ServerName} (DefaultHandling {server.DefaultHandling})",
            new OutgoingCommand(new ForwardSipRequest(received.TransactionId, editor.ToArray(), nextHop, _options.ApplicationServerTimeout), state.ToContinuation(Name, "isc")));
    }

    /// <summary>
    /// A response from the AS: relayed as any other, except a timeout (the edge's 408 after silence) or
    /// a 5xx, where the iFC's DefaultHandling decides (TS 24.229 5.4.3.2 step 4, TS 29.228 Table E.4):
    /// SESSION_CONTINUED goes on with the next iFC as if the AS had sent the request back,
    /// SESSION_TERMINATED ends the request with that response.
    /// </summary>
    private async Task<FunctionOutcome> ApplicationServerResponseAsync(BusEnvelope envelope, SipResponseReceived received, CancellationToken cancellationToken)
    {
        if (!RegisterState.TryResume(envelope.Continuation, out var state, out var request)
            || state.Service is not { } leg
            || SipMessage.Parse(received.Message).Message is not { IsRequest: false } response
            || response.StatusCode is not (408 or (>= 500 and < 600)))
        {
            return ResponseRelay.Relay(envelope, received, ImsRole.Scscf);
        }

        var failure = $"AS {leg.ApplicationServer} {(response.StatusCode == 408 ? "did not answer (408)" : $"answered {response.StatusCode}")}";
        if (leg.DefaultHandling == DefaultHandling.SessionTerminated)
        {
            var relayed = ResponseRelay.Relay(envelope, received, ImsRole.Scscf);
            return relayed with { Decision = $"{failure}: DefaultHandling SESSION_TERMINATED, {request.Method} ends; {relayed.Decision}" };
        }

        var served = await ServedUser.ReadAsync(_store, leg.ServedUser, envelope.Time, cancellationToken).ConfigureAwait(false);
        var original = new SipRequestReceived(ImsRole.Scscf, state.TransactionId, state.Transport, state.Source, state.Local, state.Request);
        return Services(original, request, served, leg.SessionCase, leg.Priority, leg.Entering, (state.Attempt ?? 0) + 1, $"{failure}: DefaultHandling SESSION_CONTINUED, {request.Method} goes on past iFC priority {leg.Priority}");
    }

    /// <summary>SAA for UNREGISTERED_USER: the callee's profile is kept (no contacts: the unregistered state) and its unregistered iFCs run.</summary>
    private async Task<FunctionOutcome> UnregisteredSaaAsync(BusEnvelope envelope, DiameterAnswerReceived received, CancellationToken cancellationToken)
    {
        if (!RegisterState.TryResume(envelope.Continuation, out var state, out var request) || state.Impu is not { } impu)
        {
            return FunctionOutcome.Of("SAA without a usable continuation; dropped");
        }

        var answer = Cx.CxAnswer.Of(received);
        if (answer.Message is null || !answer.IsSuccess)
        {
            var status = answer.Is(Ims.Diameter.Values.DiameterExperimentalResultCode.ErrorUserUnknown) ? 404 : 480;
            return state.Refuse(request, status, status == 404 ? "Not Found" : "Temporarily Unavailable", $"SAR UNREGISTERED_USER for {impu}: {answer.Outcome}", ImsRole.Scscf);
        }

        var userData = answer.Message.GetString(Ims.Diameter.Dictionary.Avps.UserData) ?? string.Empty;
        var impi = answer.Message.GetString(Ims.Diameter.Dictionary.Avps.UserName) ?? string.Empty;
        var profile = RegistrarBindings.Profile(impu, impi, userData, [impu]);
        await _store.UpsertAsync(RegistrarBindings.Table, profile, cancellationToken).ConfigureAwait(false);
        var served = ServedUser.From(impu, [profile], envelope.Time);
        var original = new SipRequestReceived(ImsRole.Scscf, state.TransactionId, state.Transport, state.Source, state.Local, state.Request);
        return Services(original, request, served, SessionCase.TerminatingUnregistered, afterPriority: null, entering: true, attempt: 0, $"terminating {request.Method} for {impu} (unregistered, SAA {answer.Outcome})");
    }

    /// <summary>TS 24.229 5.4.3.2: the caller's S-CSCF sends the request on towards the callee's home network (its I-CSCF).</summary>
    private FunctionOutcome Onward(SipRequestReceived received, SipMessage request, bool entering, int attempt, string why)
    {
        var editor = ProxyHop.Forward(request, ImsRole.Scscf, received.Local, SipTransport.Udp, attempt);
        var popped = ProxyHop.PopOwnRoute(editor, request, _options.ScscfUri, "sip:" + received.Local);
        if (entering && IsDialogForming(request))
        {
            LooseRouting.AddRecordRoute(editor, _options.ScscfUri);
        }

        // A callee of this home network is found through the I-CSCF (LIR); any other goes by its Request-URI.
        var target = request.RequestUri;
        var home = target is not null && (target.IsTel || string.Equals(target.Host, _options.HomeDomain, StringComparison.OrdinalIgnoreCase));
        var nextHop = (popped ? request.Routes.Skip(1) : request.Routes).FirstOrDefault()?.Uri.Text ?? (home ? _options.IcscfUri : request.RequestUriText);
        var state = RegisterState.Of(received) with { Attempt = attempt == 0 ? null : attempt };
        return FunctionOutcome.Of(
            $"{why}; to {request.RequestUriText} via {nextHop}",
            new OutgoingCommand(new ForwardSipRequest(received.TransactionId, editor.ToArray(), nextHop), state.ToContinuation(Name, "relay")));
    }

    /// <summary>TS 24.229 5.4.3.3: retarget to the callee's most recently refreshed contact and route through that contact's Path.</summary>
    private FunctionOutcome ToContact(SipRequestReceived received, SipMessage request, ServedUser served, bool entering, int attempt, string why)
    {
        var contact = served.Contacts.OrderByDescending(r => r.GetDateTimeOffset("ExpiresAt")).First();
        var contactUri = contact.GetString("ContactUri")!;
        var path = (contact.GetString("Path") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var editor = ProxyHop.Forward(request, ImsRole.Scscf, received.Local, SipTransport.Udp, attempt);
        ProxyHop.PopOwnRoute(editor, request, _options.ScscfUri, "sip:" + received.Local);
        editor.SetRequestUri(contactUri);
        var nextHop = LooseRouting.PushRoutes(editor, path, contactUri);
        if (entering && IsDialogForming(request))
        {
            LooseRouting.AddRecordRoute(editor, _options.ScscfUri);
        }

        var state = RegisterState.Of(received) with { Attempt = attempt == 0 ? null : attempt };
        return FunctionOutcome.Of(
            $"{why}; to contact {contactUri} via {nextHop}",
            new OutgoingCommand(new ForwardSipRequest(received.TransactionId, editor.ToArray(), nextHop), state.ToContinuation(Name, "relay")));
    }

    private static bool IsDialogForming(SipMessage request) => request.Method is "INVITE" or "SUBSCRIBE" or "REFER";
}
