using System.Globalization;
using Ims.Cscf.Proxy;
using Ims.Cscf.Registration;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;
using Ims.Sip.Building;
using Ims.Sip.Uris;
using Ims.Sip.Headers;
using Ims.Sip.Parsing;
using Ims.Storage;

namespace Ims.Cscf.Pcscf;

/// <summary>
/// The P-CSCF (TS 24.229 5.2): the UE's first hop. It forwards REGISTER to the home network's
/// I-CSCF with Path, P-Visited-Network-ID and a charging vector; it learns the registration from the
/// 200 OK (IMPUs from P-Associated-URI, Service-Route) and forgets it on de-registration or expiry;
/// it refuses other requests from a UE that is not registered.
/// </summary>
public sealed partial class PcscfFunction(ITableStore store, CscfOptions options) : IImsFunction
{
    private const string TimerPrefix = "pcscf|";
    private readonly ITableStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly CscfOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => "pcscf";

    public bool Accepts(BusEnvelope envelope) => envelope?.Message switch
    {
        SipRequestReceived { Role: ImsRole.Pcscf } => true,
        SipResponseReceived { Role: ImsRole.Pcscf } => envelope.Continuation?.Handler == Name,
        TimerFired fired => fired.TimerId.StartsWith(TimerPrefix, StringComparison.Ordinal),
        DiameterAnswerReceived => envelope.Continuation?.Handler == Name,
        // ASR and RAR from the PCRF (TS 29.214 4.4.4, 4.4.6), which the P-CSCF's Diameter node puts on the bus.
        DiameterRequestReceived { Role: ImsRole.Pcscf } => true,
        _ => false,
    };

    public async ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.Message switch
        {
            SipRequestReceived received => await RequestAsync(envelope, received, cancellationToken).ConfigureAwait(false),
            SipResponseReceived response => await ResponseAsync(envelope, response, cancellationToken).ConfigureAwait(false),
            TimerFired fired => await ExpireAsync(envelope, fired, cancellationToken).ConfigureAwait(false),
            DiameterAnswerReceived answer => await PolicyAnswerAsync(envelope, answer, cancellationToken).ConfigureAwait(false),
            DiameterRequestReceived pcrf => await PcrfRequestAsync(pcrf, cancellationToken).ConfigureAwait(false),
            _ => FunctionOutcome.Of($"{Name} does not handle {envelope.Type}"),
        };
    }

    private async Task<FunctionOutcome> RequestAsync(BusEnvelope envelope, SipRequestReceived received, CancellationToken cancellationToken)
    {
        if (SipMessage.Parse(received.Message).Message is not { IsRequest: true } request)
        {
            return FunctionOutcome.Of("request unreadable; left to the edge's deadline");
        }

        if (request.Method == "REGISTER")
        {
            return Register(received, request);
        }

        var partition = PcscfRegistrations.PartitionOf(received.Transport.ToString(), received.Source);
        var live = await PcscfRegistrations.LiveAsync(_store, partition, envelope.Time, cancellationToken).ConfigureAwait(false);
        var initial = request.To?.Tag is null;
        var relay = RegisterState.Of(received).ToContinuation(Name, "relay");
        // From the core: an initial request along a contact's Path ("term", the entry this P-CSCF put in
        // Path at registration), or an in-dialog request along the route set. A UE's own preloaded
        // route to its P-CSCF (TS 24.229 5.1.1.2) is neither, and goes the originating way below.
        var ownRoute = LooseRouting.TopRouteIsOwn(request, _options.PcscfUri, "sip:" + received.Local);
        if (ownRoute && ((initial && LooseRouting.TopRouteUser(request) == "term") || (!initial && live.Count == 0)))
        {
            // Routed here by the core (the Path entry of a terminating request, TS 24.229 5.2.6.4) or by
            // the dialog's route set: pop and go on, towards the UE's contact when nothing is left.
            var routed = LooseRouting.Forward(received, request, ImsRole.Pcscf, _options.PcscfUri, relay, recordRoute: initial && FormsDialog(request));
            if (initial && RxApplies(request) && routed.Message is ForwardSipRequest terminating)
            {
                // TS 24.229 5.2.7.3: the callee's media, offered by the network, is authorised before the INVITE reaches its UE.
                var callee = request.To?.Uri.AddressOfRecord ?? request.RequestUriText;
                var icid = request.PChargingVector?.IcidValue ?? DerivedToken.Of("icid", request.CallId, request.First(SipHeaderKind.CSeq), request.TopVia?.Branch);
                return await HoldForPolicyAsync(received, request, PcscfRxSessions.Terminating, callee, icid, terminating, cancellationToken).ConfigureAwait(false);
            }

            var rows = initial ? [] : await InDialogRowsAsync(request, cancellationToken).ConfigureAwait(false);
            if (ModifiedSession(request, rows, fromUe: false) is { } towardsUe)
            {
                // A new offer from the far end on its way to this P-CSCF's UE: its answer changes that UE's AF session.
                return FunctionOutcome.Of(
                    $"in-dialog {request.Method} with a new offer routed to {LooseRouting.NextHop(request, popped: true)}; its answer will update {towardsUe.SessionId} ({towardsUe.Side})",
                    LooseRouting.Forward(received, request, ImsRole.Pcscf, _options.PcscfUri, ModifyContinuation(received, towardsUe, fromUe: false)));
            }

            if (TargetContinuation(received, request, rows) is { } target)
            {
                routed = LooseRouting.Forward(received, request, ImsRole.Pcscf, _options.PcscfUri, target);
            }

            return await WithSessionsEndedAsync(
                FunctionOutcome.Of($"{request.Method} routed through the P-CSCF to {LooseRouting.NextHop(request, popped: true)}", routed),
                request,
                cancellationToken).ConfigureAwait(false);
        }

        if (live.Count == 0)
        {
            if (request.Method == "ACK")
            {
                return FunctionOutcome.Of($"ACK from unregistered {received.Source} dropped");
            }

            // TS 24.229 5.2.6.3.1 (and Kamailio's "You must register first"): only a registered UE may use the P-CSCF.
            return FunctionOutcome.Of(
                $"{request.Method} from {received.Source} refused: no registration from this UE",
                SipReply.Command(received.TransactionId, request, 403, "Forbidden - Not Registered", ImsRole.Pcscf));
        }

        if (!initial)
        {
            var rows = await InDialogRowsAsync(request, cancellationToken).ConfigureAwait(false);
            if (ModifiedSession(request, rows, fromUe: true) is { } ofUe)
            {
                // The UE offers new media in its dialog: the answer coming back changes its AF session.
                return FunctionOutcome.Of(
                    $"in-dialog {request.Method} with a new offer from {received.Source} routed to {LooseRouting.NextHop(request, popped: ownRoute)}; its answer will update {ofUe.SessionId} ({ofUe.Side})",
                    LooseRouting.Forward(received, request, ImsRole.Pcscf, _options.PcscfUri, ModifyContinuation(received, ofUe, fromUe: true)));
            }

            return await WithSessionsEndedAsync(
                FunctionOutcome.Of(
                    $"in-dialog {request.Method} from {received.Source} routed to {LooseRouting.NextHop(request, popped: ownRoute)}",
                    LooseRouting.Forward(received, request, ImsRole.Pcscf, _options.PcscfUri, TargetContinuation(received, request, rows) ?? relay)),
                request,
                cancellationToken).ConfigureAwait(false);
        }

        return await OriginatingAsync(received, request, live[0], relay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// TS 24.229 5.2.6.3: an initial request from a registered UE goes to its S-CSCF along the
    /// Service-Route learnt at registration, with the identity the network asserts for it.
    /// </summary>
    private async Task<FunctionOutcome> OriginatingAsync(SipRequestReceived received, SipMessage request, Ims.Storage.TableEntity registration, Continuation relay, CancellationToken cancellationToken)
    {
        var impus = (registration.GetString("Impus") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var serviceRoute = (registration.GetString("ServiceRoute") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var from = request.From?.Uri.AddressOfRecord;
        // 5.2.6.3.1: P-Preferred-Identity or From if registered, else the default (first) IMPU.
        var asserted = impus.FirstOrDefault(i => string.Equals(i, request.PPreferredIdentities.FirstOrDefault()?.Uri.AddressOfRecord, StringComparison.OrdinalIgnoreCase))
            ?? impus.FirstOrDefault(i => string.Equals(i, from, StringComparison.OrdinalIgnoreCase))
            ?? impus.FirstOrDefault()
            ?? registration.GetString("Aor")!;
        var editor = ProxyHop.Forward(request, ImsRole.Pcscf, received.Local, SipTransport.Udp);
        ProxyHop.PopOwnRoute(editor, request, _options.PcscfUri, "sip:" + received.Local);
        var nextHop = LooseRouting.PushRoutes(editor, serviceRoute, request.RequestUriText);
        editor.RemoveAll(SipHeaderKind.PPreferredIdentity);
        editor.Set(SipHeaderKind.PAssertedIdentity, $"<{asserted}>");
        var icid = SetChargingVector(editor, request);
        if (FormsDialog(request))
        {
            LooseRouting.AddRecordRoute(editor, _options.PcscfUri);
        }

        if (RxApplies(request))
        {
            // TS 24.229 5.2.7.2: the UE's offer is authorised by the PCRF before the INVITE leaves for the S-CSCF.
            return await HoldForPolicyAsync(received, request, PcscfRxSessions.Originating, asserted, icid, new ForwardSipRequest(received.TransactionId, editor.ToArray(), nextHop), cancellationToken).ConfigureAwait(false);
        }

        return FunctionOutcome.Of(
            $"{request.Method} from {asserted} asserted and routed along its Service-Route to {nextHop}",
            new OutgoingCommand(new ForwardSipRequest(received.TransactionId, editor.ToArray(), nextHop), relay));
    }

    /// <summary>TS 24.229 5.2.2.1, 5.2.6.3; RFC 7315 4.6: a fresh charging identifier, replacing any the UE sent.</summary>
    private string SetChargingVector(SipMessageEditor editor, SipMessage request)
    {
        var icid = DerivedToken.Of("icid", request.CallId, request.First(SipHeaderKind.CSeq), request.TopVia?.Branch);
        editor.Set(SipHeaderKind.PChargingVector, $"icid-value={icid};icid-generated-at={SipUri.Parse(_options.PcscfUri).Host}");
        return icid;
    }

    private static bool FormsDialog(SipMessage request) => request.Method is "INVITE" or "SUBSCRIBE" or "REFER";

    private FunctionOutcome Register(SipRequestReceived received, SipMessage request)
    {
        var editor = ProxyHop.Forward(request, ImsRole.Pcscf, received.Local, SipTransport.Udp);
        ProxyHop.PopOwnRoute(editor, request, _options.PcscfUri, "sip:" + received.Local);
        // TS 24.229 5.2.2.1: Path with the P-CSCF's own URI (RFC 3327), so terminating requests come back through it.
        editor.AddBefore(SipHeaderKind.Path, "Path", $"<{PathUri()}>");
        // RFC 7315 4.3: the network the UE is visiting; anything the UE put there is not trusted.
        editor.Set(SipHeaderKind.PVisitedNetworkId, SipTextQuote(_options.VisitedNetwork));
        var icid = SetChargingVector(editor, request);
        var state = RegisterState.Of(received);
        return FunctionOutcome.Of(
            $"REGISTER for {request.To?.Uri.AddressOfRecord} forwarded to the I-CSCF {_options.IcscfUri} with Path and icid {icid}",
            new OutgoingCommand(new ForwardSipRequest(received.TransactionId, editor.ToArray(), _options.IcscfUri), state.ToContinuation(Name, "register")));
    }

    private async Task<FunctionOutcome> ResponseAsync(BusEnvelope envelope, SipResponseReceived received, CancellationToken cancellationToken)
    {
        if (envelope.Continuation?.Step == "relay")
        {
            return ResponseRelay.Relay(envelope, received, ImsRole.Pcscf);
        }

        if (envelope.Continuation?.Step.StartsWith(RelayStepPrefix, StringComparison.Ordinal) == true)
        {
            return await PolicyResponseAsync(envelope, received, cancellationToken).ConfigureAwait(false);
        }

        if (envelope.Continuation?.Step == TargetStep)
        {
            return await TargetResponseAsync(envelope, received, cancellationToken).ConfigureAwait(false);
        }

        if (envelope.Continuation?.Step.StartsWith(ModifyStepPrefix, StringComparison.Ordinal) == true)
        {
            return await ModificationResponseAsync(envelope, received, cancellationToken).ConfigureAwait(false);
        }

        if (!RegisterState.TryResume(envelope.Continuation, out var state, out var original)
            || SipMessage.Parse(received.Message).Message is not { IsRequest: false } response)
        {
            return FunctionOutcome.Of("response without a usable continuation; dropped");
        }

        if (response.StatusCode == 100)
        {
            // RFC 3261 16.7 step 5: a 100 Trying is not forwarded.
            return FunctionOutcome.Of("100 Trying absorbed");
        }

        var relay = ProxyHop.Relay(response, ImsRole.Pcscf, original);
        if (relay is null)
        {
            return FunctionOutcome.Of($"{response.StatusCode} whose top Via is not the P-CSCF's; dropped");
        }

        var commands = new List<OutgoingCommand>();
        var decision = $"{response.StatusCode} relayed to {state.Source}";
        if (response.StatusCode == 401 && response.WwwAuthenticate is { } challenge)
        {
            // TS 33.203 7.1, TS 24.229 5.2.2.1: CK and IK are for the P-CSCF's security association; the UE derives its own.
            var kept = challenge.Parameters.Where(p => p.Name is not ("ck" or "ik")).ToList();
            relay.Set(SipHeaderKind.WwwAuthenticate, new SipCredentials(challenge.Scheme, kept).ToString());
            decision += ", CK and IK removed from the challenge";
        }

        if (response.StatusCode is >= 200 and < 300)
        {
            decision += await RememberAsync(envelope, state, original, response, commands, cancellationToken).ConfigureAwait(false);
        }

        commands.Insert(0, new OutgoingCommand(new SendSipResponse(state.TransactionId, relay.ToArray())));
        return new FunctionOutcome(commands, decision);
    }

    /// <summary>TS 24.229 5.2.2.1: on 200 OK, the registration as the registrar granted it.</summary>
    private async Task<string> RememberAsync(BusEnvelope envelope, RegisterState state, SipMessage register, SipMessage ok, List<OutgoingCommand> commands, CancellationToken cancellationToken)
    {
        var partition = PcscfRegistrations.PartitionOf(state.Transport.ToString(), state.Source);
        var aor = register.To?.Uri.AddressOfRecord ?? string.Empty;
        var impus = ok.PAssociatedUris.Select(a => a.Uri.Text).ToList();
        var serviceRoute = ok.ServiceRoutes.Select(r => r.ToString()).ToList();
        var granted = ok.Contacts.Where(c => !c.IsWildcard).ToDictionary(c => c.Address!.Uri.Text, c => c.Expires ?? ok.Expires ?? 0, StringComparer.Ordinal);
        var kept = 0;
        var removed = 0;
        foreach (var contact in register.Contacts.Where(c => !c.IsWildcard))
        {
            var uri = contact.Address!.Uri.Text;
            var timerId = TimerPrefix + partition + "|" + TableKey.Encode(uri);
            if (granted.TryGetValue(uri, out var expires) && expires > 0)
            {
                var expiresAt = envelope.Time.AddSeconds(expires);
                await _store.UpsertAsync(PcscfRegistrations.Table, PcscfRegistrations.Entity(partition, uri, aor, impus, serviceRoute, expiresAt), cancellationToken).ConfigureAwait(false);
                commands.Add(new OutgoingCommand(new ScheduleTimer(timerId, expiresAt, new ExpiryTimer(partition, uri, aor).ToPayload())));
                kept++;
            }
            else
            {
                await _store.DeleteAsync(PcscfRegistrations.Table, partition, TableKey.Encode(uri), Ims.Storage.ETag.Any, cancellationToken).ConfigureAwait(false);
                commands.Add(new OutgoingCommand(new CancelTimer(timerId)));
                removed++;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"; {aor}: {kept} contact(s) registered with {impus.Count} IMPU(s), {removed} removed");
    }

    private async Task<FunctionOutcome> ExpireAsync(BusEnvelope envelope, TimerFired fired, CancellationToken cancellationToken)
    {
        if (ExpiryTimer.FromPayload(fired.Payload) is not { } timer)
        {
            return FunctionOutcome.Of($"timer {fired.TimerId} has an unreadable payload; ignored");
        }

        var row = TableKey.Encode(timer.Contact);
        var current = await _store.GetAsync(PcscfRegistrations.Table, timer.Partition, row, cancellationToken).ConfigureAwait(false);
        if (current.Value is not { } entity || entity.GetDateTimeOffset("ExpiresAt") is not { } expiresAt)
        {
            return FunctionOutcome.Of($"{timer.Aor} {timer.Contact} already gone");
        }

        if (expiresAt > envelope.Time)
        {
            return FunctionOutcome.Of($"{timer.Aor} {timer.Contact} was refreshed; kept until {expiresAt:O}");
        }

        await _store.DeleteAsync(PcscfRegistrations.Table, timer.Partition, row, entity.ETag, cancellationToken).ConfigureAwait(false);
        return FunctionOutcome.Of($"{timer.Aor} {timer.Contact} expired at the P-CSCF");
    }

    private string PathUri()
    {
        // RFC 3327 5: the Path entry must route back here; lr makes it a loose route (RFC 3261 16.12).
        var uri = SipUri.Parse(_options.PcscfUri);
        return $"sip:term@{uri.HostPort};lr";
    }


    private static string SipTextQuote(string value) => Ims.Sip.Syntax.SipText.Quote(value);
}
