using System.Globalization;
using Ims.Cscf.Charging;
using Ims.Cscf.Dialogs;
using Ims.Cscf.Proxy;
using Ims.Cscf.Registration;
using Ims.Diameter.Codec;
using Ims.Events;
using Ims.Functions;
using Ims.Ifc.Subscription;
using Ims.Sip;
using Ims.Storage;

namespace Ims.Cscf.Scscf;

/// <summary>
/// Online charging of originating calls (TS 32.299 6.4.2, RFC 4006 SCUR, Kamailio's ims_charging):
/// <code>
///  INVITE (orig) ─▶ CCR-I ─▶ CCA-I grant ─▶ iFCs, onward ─▶ 2xx: dialog kept, timer
///  timer ─▶ CCR-U (used, asked) ─▶ grant: timer again │ none/4012/final used: BYE both ways, CCR-T
///  BYE either way ─▶ CCR-T (used since answer) │ final non-2xx ─▶ CCR-T (0 used)
///  other in-dialog request, 2xx to re-INVITE/UPDATE ─▶ kept dialog refreshed (CSeqs, contacts)
/// </code>
/// The session lives in <see cref="RoChargingSession"/> rows keyed by Call-ID; a late or duplicate event
/// finds no row, or another request number, and does nothing.
/// </summary>
public sealed partial class ScscfRegistrar
{
    private const string ChargingTimerPrefix = "scscf-ro|";

    /// <summary>How long a granted INVITE may stay without a final response before its Ro session is ended (beyond RFC 3261 Timer C, 3 min).</summary>
    private static readonly TimeSpan SetupGuard = TimeSpan.FromMinutes(5);

    private RoChargingOptions Charging => _options.Charging;

    /// <summary>RFC 4006 5.2: the INVITE waits for the CCA-I; the continuation carries it unchanged.</summary>
    private FunctionOutcome CreditInitial(BusEnvelope envelope, SipRequestReceived received, SipMessage request, string caller)
    {
        var ccr = RoRequests.Initial(RoRequestOf(request, caller, 0, envelope.Time) with { RequestedSeconds = Charging.RequestedSeconds });
        var state = RegisterState.Of(received) with { Impu = caller };
        return FunctionOutcome.Of(
            $"originating INVITE from {caller}: CCR-I for {Charging.RequestedSeconds} s (session {ccr.SessionId})",
            new OutgoingCommand(new SendDiameterRequest(DiameterEncoder.Encode(ccr)), state.ToContinuation(Name, "cca-i")));
    }

    private async Task<FunctionOutcome> CreditInitialAnswerAsync(BusEnvelope envelope, DiameterAnswerReceived received, CancellationToken cancellationToken)
    {
        if (!RegisterState.TryResume(envelope.Continuation, out var state, out var request) || state.Impu is not { } caller)
        {
            return FunctionOutcome.Of("CCA-I without a usable continuation; dropped");
        }

        var original = new SipRequestReceived(ImsRole.Scscf, state.TransactionId, state.Transport, state.Source, state.Local, state.Request);
        var credit = ReadCredit(received);
        var heard = Heard(received, credit);
        if (credit is { IsSuccess: true, GrantedSeconds: > 0 and var granted })
        {
            var ro = RoRequestOf(request, caller, 0, envelope.Time);
            var session = new RoChargingSession(request.CallId ?? state.TransactionId, ro.SessionId, 0, caller, ro.Icid, state.TransactionId, granted, credit.ValiditySeconds, credit.IsFinalGrant, null, 0, null);
            await _store.UpsertAsync(RoChargingSession.Table, session.ToEntity(), cancellationToken).ConfigureAwait(false);
            var served = await ServedUser.ReadAsync(_store, caller, envelope.Time, cancellationToken).ConfigureAwait(false);
            var proceeds = Services(original, request, served, SessionCase.Originating, afterPriority: null, entering: true, attempt: 0, $"originating INVITE from {caller}, CCA-I granted {granted} s{(credit.IsFinalGrant ? " (final)" : string.Empty)}");

            // A guard in case no final response ever passes here (a CANCEL the edge answered while the
            // CCA-I was pending): the session is ended then, so the OCS does not hold the reservation for ever.
            var guard = new OutgoingCommand(new ScheduleTimer(RoChargingSession.TimerId(session.CallId), envelope.Time + SetupGuard, session.CallId));
            return proceeds with { Commands = [.. proceeds.Commands, guard] };
        }

        if (credit is { IsCreditLimitReached: true } or { IsSuccess: true })
        {
            // RFC 4006 9.1 DIAMETER_CREDIT_LIMIT_REACHED: the caller has nothing left to pay with.
            return state.Refuse(request, 402, "Payment Required", $"CCA-I {heard}: no credit", ImsRole.Scscf);
        }

        // RFC 4006 5.7 and 8.14: the CCA's Credit-Control-Failure-Handling, else the configured one.
        if ((credit?.FailureHandling ?? Charging.FailureHandling) == RoValues.FailureHandlingContinue)
        {
            var served = await ServedUser.ReadAsync(_store, caller, envelope.Time, cancellationToken).ConfigureAwait(false);
            return Services(original, request, served, SessionCase.Originating, afterPriority: null, entering: true, attempt: 0, $"originating INVITE from {caller}, CCA-I {heard}: CCFH CONTINUE, the call goes on uncharged");
        }

        return credit is null
            ? state.Refuse(request, 503, "Service Unavailable - Online Charging Unreachable", $"CCA-I {heard}: CCFH TERMINATE", ImsRole.Scscf)
            : state.Refuse(request, 403, "Forbidden - Online Charging Refused " + credit.ResultCode.ToString(CultureInfo.InvariantCulture), $"CCA-I {heard}: CCFH TERMINATE", ImsRole.Scscf);
    }

    /// <summary>
    /// The final response to the charged INVITE, relayed upstream: a 2xx starts the clock and the
    /// re-authorisation timer (RFC 4006 5.1.2), anything else ends the session with nothing used.
    /// </summary>
    private async Task<FunctionOutcome> ChargedResponseAsync(BusEnvelope envelope, FunctionOutcome relayed, CancellationToken cancellationToken)
    {
        if (RegisterState.TryResume(envelope.Continuation, out var resumed, out var inDialog) && inDialog.To?.Tag is not null)
        {
            return await ChargedDialogResponseAsync(resumed, inDialog, relayed, cancellationToken).ConfigureAwait(false);
        }

        if (!RegisterState.TryResume(envelope.Continuation, out var state, out var request)
            || request.Method != "INVITE" || request.CallId is not { } callId
            || relayed.Commands.Select(c => c.Message).OfType<SendSipResponse>().FirstOrDefault(s => s.TransactionId == state.TransactionId) is not { } sent
            || SipMessage.Parse(sent.Message).Message is not { IsRequest: false, StatusCode: >= 200 } response)
        {
            return relayed;
        }

        if (await RoChargingSession.ReadAsync(_store, callId, cancellationToken).ConfigureAwait(false) is not { } session
            || session.TransactionId != state.TransactionId || session.AnsweredAt is not null)
        {
            return relayed;
        }

        if (response.StatusCode >= 300)
        {
            return await EndAsync(envelope, session, relayed, release: false, $"setup failed with {response.StatusCode}", cancellationToken).ConfigureAwait(false);
        }

        var dialog = ConfirmedDialog.Of(request, response, _options.ScscfUri, state.Local, originating: true);
        var answered = session with { AnsweredAt = envelope.Time, Dialog = dialog };
        await _store.ReplaceAsync(RoChargingSession.Table, answered.ToEntity(), cancellationToken).ConfigureAwait(false);
        var due = answered.NextReport(envelope.Time);
        return relayed with
        {
            Commands = [.. relayed.Commands, new OutgoingCommand(new ScheduleTimer(RoChargingSession.TimerId(callId), due, callId))],
            Decision = $"{relayed.Decision}; charged call answered, next credit report at {due:O}{(dialog is null ? " (no dialog to release)" : string.Empty)}",
        };
    }

    /// <summary>RFC 4006 5.1.2: the grant is nearly used; report and ask again, or end a final grant.</summary>
    private async Task<FunctionOutcome> ChargingTimerAsync(BusEnvelope envelope, TimerFired fired, CancellationToken cancellationToken)
    {
        var callId = fired.TimerId[ChargingTimerPrefix.Length..];
        if (await RoChargingSession.ReadAsync(_store, callId, cancellationToken).ConfigureAwait(false) is not { } session)
        {
            return FunctionOutcome.Of($"charging timer of {callId}: session already ended");
        }

        if (session.AnsweredAt is null)
        {
            return await EndAsync(envelope, session, FunctionOutcome.Of($"{callId}: no final response to the charged INVITE in {SetupGuard.TotalMinutes} min"), release: false, "setup abandoned", cancellationToken).ConfigureAwait(false);
        }

        if (session.FinalGrant)
        {
            // RFC 4006 5.6.1 Final-Unit-Action TERMINATE: the last units are used; the call ends.
            return await EndAsync(envelope, session, FunctionOutcome.Of($"{callId}: final units used"), release: true, "final units used", cancellationToken).ConfigureAwait(false);
        }

        var used = session.UsedSince(envelope.Time);
        var next = session with { RequestNumber = session.RequestNumber + 1, ReportedSeconds = session.ReportedSeconds + used };
        if (!(await _store.ReplaceAsync(RoChargingSession.Table, next.ToEntity(), cancellationToken).ConfigureAwait(false)).IsOk)
        {
            return FunctionOutcome.Of($"charging timer of {callId}: the session changed meanwhile; left to that change");
        }

        var ccr = RoRequests.Update(RoRequestOf(next, envelope.Time) with { UsedSeconds = (uint)used, RequestedSeconds = Charging.RequestedSeconds });
        var continuation = new Continuation(Name, "cca-u", next.RequestNumber.ToString(CultureInfo.InvariantCulture) + "|" + callId);
        return FunctionOutcome.Of(
            $"{callId}: CCR-U {next.RequestNumber} reports {used} s, asks {Charging.RequestedSeconds} s",
            new OutgoingCommand(new SendDiameterRequest(DiameterEncoder.Encode(ccr)), continuation));
    }

    private async Task<FunctionOutcome> CreditUpdateAnswerAsync(BusEnvelope envelope, DiameterAnswerReceived received, CancellationToken cancellationToken)
    {
        var parts = envelope.Continuation?.State.Split('|', 2);
        if (parts is not [var numberText, var callId] || !uint.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return FunctionOutcome.Of("CCA-U without a usable continuation; dropped");
        }

        if (await RoChargingSession.ReadAsync(_store, callId, cancellationToken).ConfigureAwait(false) is not { } session || session.RequestNumber != number)
        {
            return FunctionOutcome.Of($"CCA-U {number} of {callId}: the session ended or moved on meanwhile; nothing to do");
        }

        var credit = ReadCredit(received);
        var heard = Heard(received, credit);
        if (credit is { IsSuccess: true, GrantedSeconds: > 0 and var granted })
        {
            var renewed = session with { GrantedSeconds = granted, ValiditySeconds = credit.ValiditySeconds, FinalGrant = credit.IsFinalGrant };
            if (!(await _store.ReplaceAsync(RoChargingSession.Table, renewed.ToEntity(), cancellationToken).ConfigureAwait(false)).IsOk)
            {
                return FunctionOutcome.Of($"CCA-U {number} of {callId}: the session changed meanwhile; nothing to do");
            }

            var due = renewed.NextReport(envelope.Time);
            return FunctionOutcome.Of(
                $"{callId}: CCA-U granted {granted} s{(credit.IsFinalGrant ? " (final)" : string.Empty)}; next at {due:O}",
                new OutgoingCommand(new ScheduleTimer(RoChargingSession.TimerId(callId), due, callId)));
        }

        if (credit is { IsCreditLimitReached: true } or { IsSuccess: true })
        {
            return await EndAsync(envelope, session, FunctionOutcome.Of($"{callId}: CCA-U {heard}"), release: true, "credit exhausted", cancellationToken).ConfigureAwait(false);
        }

        if ((credit?.FailureHandling ?? Charging.FailureHandling) == RoValues.FailureHandlingContinue)
        {
            // RFC 4006 5.7 CONTINUE: the call goes on without credit control; the row goes so nothing asks again.
            await session.DeleteAsync(_store, cancellationToken).ConfigureAwait(false);
            return FunctionOutcome.Of($"{callId}: CCA-U {heard}: CCFH CONTINUE, the call goes on uncharged");
        }

        return await EndAsync(envelope, session, FunctionOutcome.Of($"{callId}: CCA-U {heard}: CCFH TERMINATE"), release: true, "online charging failed", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A BYE of a charged dialog, either way (RFC 4006 5.1.2 TERMINATION): forwarded as before, plus CCR-T.</summary>
    private async Task<FunctionOutcome> ChargedByeAsync(BusEnvelope envelope, SipMessage request, FunctionOutcome forwarded, CancellationToken cancellationToken)
    {
        if (request.Method != "BYE" || request.CallId is not { } callId
            || await RoChargingSession.ReadAsync(_store, callId, cancellationToken).ConfigureAwait(false) is not { } session)
        {
            return forwarded;
        }

        return await EndAsync(envelope, session, forwarded, release: false, "BYE", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the Ro session once: the row is deleted with its ETag (a racing event finds it gone), then
    /// CCR-T reports the last used seconds; with <paramref name="release"/> the call is ended by two BYEs.
    /// </summary>
    private async Task<FunctionOutcome> EndAsync(BusEnvelope envelope, RoChargingSession session, FunctionOutcome outcome, bool release, string why, CancellationToken cancellationToken)
    {
        if (!await session.DeleteAsync(_store, cancellationToken).ConfigureAwait(false))
        {
            return outcome with { Decision = $"{outcome.Decision}; charging session {session.CallId} already ending" };
        }

        var used = session.UsedSince(envelope.Time);
        var ccr = RoRequests.Termination(RoRequestOf(session, envelope.Time) with { RequestNumber = session.RequestNumber + 1, UsedSeconds = (uint)used });
        var commands = new List<OutgoingCommand>(outcome.Commands);
        if (release && session.Dialog is { } dialog)
        {
            // TS 32.299 6.3.8: the S-CSCF ends a call whose credit is gone, both ways, saying why (RFC 3326).
            commands.AddRange(DialogRelease.Commands(dialog, ImsRole.Scscf, 402, why));
        }

        commands.Add(new OutgoingCommand(new CancelTimer(RoChargingSession.TimerId(session.CallId))));
        commands.Add(new OutgoingCommand(new SendDiameterRequest(DiameterEncoder.Encode(ccr)), new Continuation(Name, "cca-t", session.CallId)));
        var released = release ? (session.Dialog is null ? " (no dialog known to release)" : ", call released both ways") : string.Empty;
        return outcome with { Commands = commands, Decision = $"{outcome.Decision}; {why}: CCR-T {session.RequestNumber + 1} reports {used} s{released}" };
    }

    private static FunctionOutcome CreditTerminationAnswer(BusEnvelope envelope, DiameterAnswerReceived received) =>
        FunctionOutcome.Of($"CCA-T of {envelope.Continuation?.State}: {Heard(received, ReadCredit(received))}");

    /// <summary>The CCR values of an originating INVITE (TS 32.299 7.2 IMS-Information); the Session-Id derives from the Call-ID so replay sends the same.</summary>
    private RoChargingRequest RoRequestOf(SipMessage request, string caller, uint number, DateTimeOffset time)
    {
        var callId = request.CallId ?? string.Empty;
        var vector = request.PChargingVector;
        return new RoChargingRequest
        {
            SessionId = $"{_options.ScscfDiameterHost};{DerivedToken.Of("ro", callId)}",
            OriginHost = _options.ScscfDiameterHost,
            OriginRealm = _options.HomeDomain,
            DestinationRealm = _options.OcsRealm ?? _options.HomeDomain,
            DestinationHost = _options.OcsHost,
            RequestNumber = number,
            Subscriber = caller,
            CallingPartyAddress = caller,
            CalledPartyAddress = request.RequestUriText,
            Icid = vector?.IcidValue ?? callId,
            // TS 24.229 5.4.3.2: the originating S-CSCF's orig-ioi names its own network.
            OriginatingIoi = vector?.OrigIoi ?? _options.HomeDomain,
            TerminatingIoi = vector?.TermIoi,
            UserSessionId = callId,
            Timestamp = time,
        };
    }

    private RoChargingRequest RoRequestOf(RoChargingSession session, DateTimeOffset time) => new()
    {
        SessionId = session.SessionId,
        OriginHost = _options.ScscfDiameterHost,
        OriginRealm = _options.HomeDomain,
        DestinationRealm = _options.OcsRealm ?? _options.HomeDomain,
        DestinationHost = _options.OcsHost,
        RequestNumber = session.RequestNumber,
        Subscriber = session.Subscriber,
        CallingPartyAddress = session.Subscriber,
        CalledPartyAddress = session.Dialog?.CalleeTo is { } to && Ims.Sip.Headers.SipNameAddress.TryParse(to, out var callee, out _) ? callee.Uri.Text : session.Subscriber,
        Icid = session.Icid,
        OriginatingIoi = _options.HomeDomain,
        UserSessionId = session.CallId,
        Timestamp = time,
    };

    private static RoCreditAnswer? ReadCredit(DiameterAnswerReceived received)
    {
        if (received.Message is null)
        {
            return null;
        }

        var decoded = DiameterDecoder.Decode(received.Message);
        return decoded.IsSuccess && !decoded.Message.IsRequest ? RoCreditAnswer.Read(decoded.Message) : null;
    }

    private static string Heard(DiameterAnswerReceived received, RoCreditAnswer? credit) => credit is not null
        ? credit.ResultCode.ToString(CultureInfo.InvariantCulture)
        : received.Failure switch
        {
            DiameterDeliveryFailure.Timeout => "OCS timeout",
            DiameterDeliveryFailure.NoRoute => "no route to the OCS",
            DiameterDeliveryFailure.PeerDown => "OCS connection down",
            _ => "unreadable answer",
        };
}
