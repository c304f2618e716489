using System.Text;
using Ims.Cscf.Dialogs;
using Ims.Cscf.Policy;
using Ims.Cscf.Proxy;
using Ims.Cscf.Registration;
using Ims.Diameter.Answers;
using Ims.Diameter.Codec;
using Ims.Diameter.Messages;
using Ims.Diameter.Validation;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;
using Ims.Sip.Sdp;

namespace Ims.Cscf.Pcscf;

/// <summary>
/// Rx at the P-CSCF (TS 24.229 5.2.7, TS 29.214 4.4): the media of a call is authorised by the PCRF
/// before the INVITE goes on, updated when the answer is known, and the AF session is ended when the
/// call ends; the PCRF may end the call itself (ASR, or RAR reporting the bearer lost).
/// <code>
///   UE ──INVITE(offer)──▶ P-CSCF ──AAR(initial)──▶ PCRF            (INVITE held: continuation "rx-aar")
///                         P-CSCF ◀──AAA 2001──────                  (else 488, or 503/forward when silent)
///                         P-CSCF ──INVITE──▶ core                   (responses: continuation "rx-relay-*")
///   UE ◀──183/200(answer)─ P-CSCF ──AAR(update)──▶ PCRF             (refused: BYE both ways, STR)
///   re-INVITE/UPDATE(offer) either way, 18x/2xx(answer) ──AAR(update)──▶ PCRF  (continuation "rx-modify-*")
///   BYE / final non-2xx ─▶ P-CSCF ──STR──▶ PCRF                     (row deleted)
///   PCRF ──ASR / RAR(loss of bearer)──▶ P-CSCF ──ASA/RAA, BYE both ways, STR
/// </code>
/// </summary>
public sealed partial class PcscfFunction
{
    private const string AarStep = "rx-aar";
    private const string UpdateStep = "rx-update";
    private const string StrStep = "rx-str";
    private const string RelayStepPrefix = "rx-relay-";
    private const string ModifyStepPrefix = "rx-modify-";

    // RFC 3326 with TS 24.229 5.2.8.1.2: a call the P-CSCF itself ends for the bearer's sake carries 503.
    private const int ReleaseCause = 503;

    private bool RxApplies(SipMessage request) =>
        _options.RxEnabled && _options.PcscfDiameterHost is not null && request.Method == "INVITE" && request.CallId is not null && SdpOf(request) is not null;

    /// <summary>The SDP body of a message, or null when there is none (or it does not parse, and then the PCRF would learn nothing).</summary>
    private static SdpSession? SdpOf(SipMessage message)
    {
        if (message.Body.IsEmpty || message.ContentType?.Value is not { } type || !type.Equals("application/sdp", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return SdpSession.Parse(Encoding.UTF8.GetString(message.Body.Span), out _);
    }

    private static string? SdpText(SipMessage message) => SdpOf(message) is null ? null : Encoding.UTF8.GetString(message.Body.Span);

    /// <summary>
    /// TS 29.214 4.4.1, TS 24.229 5.2.7.2 (originating) and 5.2.7.3 (terminating): the AAR with the
    /// offer goes out and the INVITE, already rewritten for its next hop, waits in the continuation.
    /// </summary>
    private async Task<FunctionOutcome> HoldForPolicyAsync(SipRequestReceived received, SipMessage request, string side, string subscriber, string icid, ForwardSipRequest forward, CancellationToken cancellationToken)
    {
        var callId = request.CallId!;
        var offer = SdpText(request)!;
        var sessionId = PcscfRxSessions.SessionIdOf(_options.PcscfDiameterHost!, callId, side);
        var row = new RxSessionRow(callId, side, sessionId, subscriber, icid, offer, null, null, CallerTag: request.From?.Tag);
        await PcscfRxSessions.SaveAsync(_store, row, cancellationToken).ConfigureAwait(false);
        var aar = RxRequests.Aar(RxRequest(row, SdpOf(request)!, null, isUpdate: false));
        var state = new RxSetupState(received.TransactionId, received.Message, received.Source, received.Transport, received.Local, side, forward.Message, forward.NextHop);
        return FunctionOutcome.Of(
            $"INVITE of {subscriber} ({side}) held for the PCRF: AAR {sessionId} with {row.OfferFromUe switch { true => "the UE's offer", false => "the network's offer" }}, icid {icid}",
            new OutgoingCommand(new SendDiameterRequest(DiameterEncoder.Encode(aar)), state.ToContinuation(Name, AarStep)));
    }

    private RxSessionRequest RxRequest(RxSessionRow row, SdpSession offer, SdpSession? answer, bool isUpdate) => new()
    {
        SessionId = row.SessionId,
        OriginHost = _options.PcscfDiameterHost!,
        OriginRealm = _options.HomeDomain,
        DestinationRealm = _options.PcrfRealm ?? _options.HomeDomain,
        DestinationHost = _options.PcrfHost,
        Subscriber = row.Subscriber,
        Icid = row.Icid,
        Offer = offer,
        Answer = answer,
        OfferFromUe = row.OfferFromUe,
        IsUpdate = isUpdate,
    };

    private OutgoingCommand Str(RxSessionRow row) =>
        new(
            new SendDiameterRequest(DiameterEncoder.Encode(RxRequests.Str(row.SessionId, _options.PcscfDiameterHost!, _options.HomeDomain, _options.PcrfRealm ?? _options.HomeDomain, _options.PcrfHost))),
            new RxSessionKey(row.CallId, row.Side, row.SessionId).ToContinuation(Name, StrStep));

    private async Task<FunctionOutcome> PolicyAnswerAsync(BusEnvelope envelope, DiameterAnswerReceived received, CancellationToken cancellationToken) =>
        envelope.Continuation?.Step switch
        {
            AarStep => await SetupAnsweredAsync(envelope, received, cancellationToken).ConfigureAwait(false),
            UpdateStep => await UpdateAnsweredAsync(envelope, received, cancellationToken).ConfigureAwait(false),
            StrStep => RxSessionKey.From(envelope.Continuation) is { } key
                ? FunctionOutcome.Of($"STA {RxAnswer.Of(received).Outcome} for {key.SessionId}: the AF session of {key.CallId} ({key.Side}) is over")
                : FunctionOutcome.Of("STA without a usable continuation; dropped"),
            _ => FunctionOutcome.Of($"Diameter answer for unknown step {envelope.Continuation?.Step}; dropped"),
        };

    /// <summary>The AAA to the initial AAR: the held INVITE goes on, or is refused.</summary>
    private async Task<FunctionOutcome> SetupAnsweredAsync(BusEnvelope envelope, DiameterAnswerReceived received, CancellationToken cancellationToken)
    {
        if (RxSetupState.From(envelope.Continuation) is not { } state || SipMessage.Parse(state.Request).Message is not { IsRequest: true, CallId: { } callId } request)
        {
            return FunctionOutcome.Of("AAA without a usable continuation; dropped");
        }

        var answer = RxAnswer.Of(received);
        var row = await PcscfRxSessions.ReadAsync(_store, callId, state.Side, cancellationToken).ConfigureAwait(false);
        var relay = new RegisterState(state.TransactionId, state.Request, state.Source, state.Transport, state.Local).ToContinuation(Name, RelayStepPrefix + state.Side);
        var forward = new OutgoingCommand(new ForwardSipRequest(state.TransactionId, state.Forwarded, state.NextHop), relay);
        if (answer.IsSuccess)
        {
            return FunctionOutcome.Of($"AAA {answer.Outcome}: media of {callId} ({state.Side}) authorised; INVITE forwarded to {state.NextHop}", forward);
        }

        if (row is not null)
        {
            // Refused or unanswered, the PCRF holds no session (TS 29.214 4.4.1): nothing to end with STR.
            await PcscfRxSessions.DeleteAsync(_store, row, cancellationToken).ConfigureAwait(false);
        }

        if (answer.IsUnreachable)
        {
            if (_options.RefuseSessionsWithoutPcrf)
            {
                // The media is fine, the network is not: 503 (RFC 3261 21.5.4) rather than 488, which would ask for another offer.
                return FunctionOutcome.Of(
                    $"INVITE {callId} refused with 503: {answer.Outcome}, and sessions without the PCRF are refused by configuration",
                    SipReply.Command(state.TransactionId, request, 503, "Service Unavailable", ImsRole.Pcscf));
            }

            return FunctionOutcome.Of($"{answer.Outcome}: INVITE {callId} ({state.Side}) forwarded without QoS, as configured", forward);
        }

        // TS 29.214 4.4.1 and TS 24.229 5.2.7.2: the PCRF refused the service information; the
        // session is rejected with 488 Not Acceptable Here, which tells the UE the media was the problem.
        return FunctionOutcome.Of(
            $"AAA {answer.Outcome}: the PCRF refused the media of {callId} ({state.Side}); INVITE answered 488",
            SipReply.Command(state.TransactionId, request, 488, "Not Acceptable Here", ImsRole.Pcscf));
    }

    /// <summary>
    /// A response to an INVITE whose media the PCRF authorised: relayed as any other, then the SDP
    /// answer updates the authorisation, the 2xx's dialog is kept, and a failed setup ends the AF session.
    /// </summary>
    private async Task<FunctionOutcome> PolicyResponseAsync(BusEnvelope envelope, SipResponseReceived received, CancellationToken cancellationToken)
    {
        var relayed = ResponseRelay.Relay(envelope, received, ImsRole.Pcscf);
        var side = envelope.Continuation!.Step[RelayStepPrefix.Length..];
        if (!RegisterState.TryResume(envelope.Continuation, out var state, out var invite)
            || SipMessage.Parse(received.Message).Message is not { IsRequest: false } response
            || response.StatusCode == 100 || invite.CallId is not { } callId
            || !relayed.Commands.Any(c => c.Message is SendSipResponse))
        {
            return relayed;
        }

        if (await PcscfRxSessions.ReadAsync(_store, callId, side, cancellationToken).ConfigureAwait(false) is not { } row)
        {
            return relayed;
        }

        var commands = relayed.Commands.ToList();
        var decision = new StringBuilder(relayed.Decision);
        if (response.StatusCode >= 300)
        {
            // A failed setup (including the 487 after a CANCEL, which the edge answers itself, RFC 3261 16.10) ends the AF session.
            if (!row.Ended)
            {
                commands.Add(Str(row));
            }

            await PcscfRxSessions.DeleteAsync(_store, row, cancellationToken).ConfigureAwait(false);
            decision.Append($"; setup failed, {(row.Ended ? "AF session already ended" : $"STR {row.SessionId}")}");
            return new FunctionOutcome(commands, decision.ToString());
        }

        var updated = row;
        // TS 29.214 4.4.1 (and Annex B): with the answer known, the flows carry both ends. A later
        // 18x or the 200 may carry a different answer to the same offer (RFC 3262 and RFC 3264 8 let
        // the answerer change it, and a forked call answers from another UE): TS 29.214 4.4.2, the PCRF
        // hears every change. Once a re-INVITE or UPDATE replaced the offer, the INVITE's own
        // responses (a late retransmission) no longer speak for the media.
        if (!row.Ended && SdpText(response) is { } answerText && answerText != row.Answer && SdpText(invite) == row.Offer)
        {
            updated = updated with { Answer = answerText };
            var offer = SdpSession.Parse(row.Offer, out _);
            if (offer is not null)
            {
                var aar = RxRequests.Aar(RxRequest(row, offer, SdpOf(response), isUpdate: true));
                commands.Add(new OutgoingCommand(new SendDiameterRequest(DiameterEncoder.Encode(aar)), new RxSessionKey(callId, side, row.SessionId).ToContinuation(Name, UpdateStep)));
                decision.Append($"; AAR update {row.SessionId} with the {(row.Answer is null ? "answer" : "changed answer")} in the {response.StatusCode}");
            }
        }

        if (response.StatusCode is >= 200 and < 300)
        {
            updated = updated with { Dialog = ConfirmedDialog.Of(invite, response, _options.PcscfUri, state.Local, side == PcscfRxSessions.Originating) };
            if (row.Ended)
            {
                // The PCRF ended the session while the call was being set up: the call it confirms is released.
                await PcscfRxSessions.DeleteAsync(_store, row, cancellationToken).ConfigureAwait(false);
                if (updated.Dialog is { } dialog)
                {
                    commands.AddRange(DialogRelease.Commands(dialog, ImsRole.Pcscf, ReleaseCause, "Media authorisation ended"));
                    decision.Append("; its AF session had already ended: call released with a BYE each way");
                }

                return new FunctionOutcome(commands, decision.ToString());
            }
        }

        if (updated != row)
        {
            await PcscfRxSessions.UpdateAsync(_store, updated, cancellationToken).ConfigureAwait(false);
        }

        return new FunctionOutcome(commands, decision.ToString());
    }

    /// <summary>
    /// The AF session an in-dialog re-INVITE or UPDATE carrying a new SDP offer changes (TS 29.214
    /// 4.4.2; RFC 3311 5.1 for UPDATE), or null when the request carries no offer or the call has no
    /// live Rx session on that side. One P-CSCF may hold both sides of a call (both UEs registered
    /// with it), and the request then passes twice: once from the sending UE, once from the core
    /// towards the other UE. The side is told by the request's From tag against the caller's tag kept
    /// from the INVITE, not by addresses: the tag is end to end and the same on both passes (RFC 3261
    /// 12.2.1.1), whereas both UEs may share an address and the core pass comes from the S-CSCF's.
    /// </summary>
    /// <param name="rows">The call's rows, as <see cref="InDialogRowsAsync"/> read (and refreshed) them for this request.</param>
    /// <param name="fromUe">The request comes from the registered UE (its own side) rather than from the core (the other side's UE is its target).</param>
    private RxSessionRow? ModifiedSession(SipMessage request, IReadOnlyList<RxSessionRow> rows, bool fromUe)
    {
        if (!_options.RxEnabled || _options.PcscfDiameterHost is null || request.Method is not ("INVITE" or "UPDATE")
            || request.CallId is null || request.From?.Tag is not { } fromTag || SdpOf(request) is null)
        {
            return null;
        }

        if (rows.Select(r => r.CallerTag).FirstOrDefault(t => t is not null) is not { } callerTag)
        {
            return null;
        }

        var fromCaller = string.Equals(fromTag, callerTag, StringComparison.Ordinal);
        // From the UE, the side is the sender's; from the core, the receiver's: the other end.
        var side = fromCaller == fromUe ? PcscfRxSessions.Originating : PcscfRxSessions.Terminating;
        return rows.FirstOrDefault(r => r.Side == side && !r.Ended);
    }

    private Continuation ModifyContinuation(SipRequestReceived received, RxSessionRow row, bool fromUe) =>
        RegisterState.Of(received).ToContinuation(Name, ModifyStepPrefix + (fromUe ? "ue-" : "net-") + row.Side);

    /// <summary>
    /// A response to a re-INVITE or UPDATE with a new offer: relayed as any other; the 18x or 2xx that
    /// carries the answer updates the AF session with the new offer and answer (TS 29.214 4.4.2,
    /// Kamailio ims_qos on a modified session), and a 2xx may move the answering side's contact in the
    /// dialogs kept for release (RFC 3261 12.2.1.2, RFC 3311 5.1). A refusal (RFC 3261 14.1, RFC 3311
    /// 5.1) leaves the session, and so the authorisation, as it was. Each row is written once at most.
    /// </summary>
    private async Task<FunctionOutcome> ModificationResponseAsync(BusEnvelope envelope, SipResponseReceived received, CancellationToken cancellationToken)
    {
        var relayed = ResponseRelay.Relay(envelope, received, ImsRole.Pcscf);
        var step = envelope.Continuation!.Step[ModifyStepPrefix.Length..];
        var fromUe = step.StartsWith("ue-", StringComparison.Ordinal);
        var side = step[(step.IndexOf('-', StringComparison.Ordinal) + 1)..];
        if (!RegisterState.TryResume(envelope.Continuation, out _, out var request)
            || SipMessage.Parse(received.Message).Message is not { IsRequest: false, StatusCode: > 100 and < 300 } response
            || request.CallId is not { } callId
            || !relayed.Commands.Any(c => c.Message is SendSipResponse))
        {
            return relayed;
        }

        var rows = await PcscfRxSessions.OfCallAsync(_store, callId, cancellationToken).ConfigureAwait(false);
        var commands = relayed.Commands.ToList();
        var decision = new StringBuilder(relayed.Decision);
        if (!rows.Any(r => r.Side == side && !r.Ended))
        {
            decision.Append($"; the AF session of {callId} ({side}) is over, nothing to update");
        }

        foreach (var row in rows)
        {
            var updated = WithDialog(row, d => d.Answered(request, response));
            if (updated != row)
            {
                decision.Append($"; the dialog {row.SessionId} keeps for release refreshed");
            }

            if (row.Side == side && !row.Ended)
            {
                updated = WithNewMedia(updated, request, response, fromUe, commands, decision);
            }

            if (updated != row)
            {
                await PcscfRxSessions.UpdateAsync(_store, updated, cancellationToken).ConfigureAwait(false);
            }
        }

        return new FunctionOutcome(commands, decision.ToString());
    }

    /// <summary>The row with the modification's offer and answer, and the AAR update for them, unless it already holds them.</summary>
    private RxSessionRow WithNewMedia(RxSessionRow row, SipMessage request, SipMessage response, bool fromUe, List<OutgoingCommand> commands, StringBuilder decision)
    {
        if (SdpOf(request) is not { } offer || SdpOf(response) is not { } answer)
        {
            return row;
        }

        var offerText = SdpText(request)!;
        var answerText = SdpText(response)!;
        if (row.Offer == offerText && row.Answer == answerText)
        {
            // The 200 after a 183 with the same answer, or a retransmission: the PCRF already has it.
            decision.Append($"; {row.SessionId} already holds this offer and answer");
            return row;
        }

        var updated = row with { Offer = offerText, Answer = answerText, UeOffered = fromUe };
        var aar = RxRequests.Aar(RxRequest(updated, offer, answer, isUpdate: true));
        commands.Add(new OutgoingCommand(new SendDiameterRequest(DiameterEncoder.Encode(aar)), new RxSessionKey(row.CallId, row.Side, row.SessionId).ToContinuation(Name, UpdateStep)));
        decision.Append($"; AAR update {row.SessionId} ({row.Side}) with the {request.Method}'s new offer {(fromUe ? "from the UE" : "from the network")} and the answer in the {response.StatusCode}");
        return updated;
    }

    /// <summary>The AAA to the update: refused, the call is released (TS 29.214 4.4.1; TS 24.229 5.2.7).</summary>
    private async Task<FunctionOutcome> UpdateAnsweredAsync(BusEnvelope envelope, DiameterAnswerReceived received, CancellationToken cancellationToken)
    {
        if (RxSessionKey.From(envelope.Continuation) is not { } key)
        {
            return FunctionOutcome.Of("AAA without a usable continuation; dropped");
        }

        var answer = RxAnswer.Of(received);
        if (answer.IsSuccess)
        {
            return FunctionOutcome.Of($"AAA {answer.Outcome}: update of {key.SessionId} authorised");
        }

        if (answer.IsUnreachable)
        {
            // The initial authorisation stands; the update only refined the flows.
            return FunctionOutcome.Of($"{answer.Outcome} for the update of {key.SessionId}; the initial authorisation stands");
        }

        if (await PcscfRxSessions.ReadAsync(_store, key.CallId, key.Side, cancellationToken).ConfigureAwait(false) is not { } row || row.SessionId != key.SessionId || row.Ended)
        {
            return FunctionOutcome.Of($"AAA {answer.Outcome} for the update of {key.SessionId}, whose session is already over");
        }

        return await EndSessionAsync(row, $"AAA {answer.Outcome}: the PCRF refused the answered media of {key.CallId}", "Media not authorised", [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends an AF session from this side: STR, and the call released with a BYE each way when a 2xx
    /// confirmed it; before that, the row stays, marked ended, so that the 2xx is released when it comes.
    /// </summary>
    private async Task<FunctionOutcome> EndSessionAsync(RxSessionRow row, string why, string reason, IReadOnlyList<OutgoingCommand> first, CancellationToken cancellationToken)
    {
        var commands = first.ToList();
        commands.Add(Str(row));
        if (row.Dialog is { } dialog)
        {
            await PcscfRxSessions.DeleteAsync(_store, row, cancellationToken).ConfigureAwait(false);
            commands.AddRange(DialogRelease.Commands(dialog, ImsRole.Pcscf, ReleaseCause, reason));
            return new FunctionOutcome(commands, $"{why}; call released with a BYE each way, STR {row.SessionId}");
        }

        await PcscfRxSessions.UpdateAsync(_store, row with { Ended = true }, cancellationToken).ConfigureAwait(false);
        return new FunctionOutcome(commands, $"{why}; STR {row.SessionId}, the call is released if a 2xx confirms it");
    }

    /// <summary>TS 24.229 5.2.7, TS 29.214 4.4.4: a BYE passing the P-CSCF, either way, ends the call's AF sessions.</summary>
    private async Task<FunctionOutcome> WithSessionsEndedAsync(FunctionOutcome forwarded, SipMessage request, CancellationToken cancellationToken)
    {
        if (!_options.RxEnabled || _options.PcscfDiameterHost is null || request.Method != "BYE" || request.CallId is not { } callId)
        {
            return forwarded;
        }

        var rows = await PcscfRxSessions.OfCallAsync(_store, callId, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return forwarded;
        }

        var commands = forwarded.Commands.ToList();
        foreach (var row in rows)
        {
            if (!row.Ended)
            {
                commands.Add(Str(row));
            }

            await PcscfRxSessions.DeleteAsync(_store, row, cancellationToken).ConfigureAwait(false);
        }

        return new FunctionOutcome(commands, $"{forwarded.Decision}; STR for {string.Join(", ", rows.Where(r => !r.Ended).Select(r => r.SessionId))}");
    }

    /// <summary>
    /// ASR (TS 29.214 4.4.4, 5.6.7) and RAR (4.4.6, 5.6.3) from the PCRF. Both are answered first;
    /// an ASR, and a RAR that reports the bearer lost (4.4.6.1: the AF may end the session), end the
    /// call and its AF session. Nothing throws: unreadable requests get the RFC 6733 error answer.
    /// </summary>
    private async Task<FunctionOutcome> PcrfRequestAsync(DiameterRequestReceived received, CancellationToken cancellationToken)
    {
        var host = _options.PcscfDiameterHost ?? "pcscf." + _options.HomeDomain;
        var decoded = DiameterDecoder.Decode(received.Message);
        if (!decoded.IsSuccess)
        {
            return DiameterErrorAnswer.Create(decoded.Error, host, _options.HomeDomain) is { } error
                ? FunctionOutcome.Of($"undecodable request from {received.PeerId} refused: {decoded.Error.ResultCode.Name} ({decoded.Error.Detail})", Answer(received, error))
                : FunctionOutcome.Of($"nothing to answer from {received.PeerId}: {decoded.Error.Detail}");
        }

        var request = decoded.Message;
        if (!request.IsRequest)
        {
            return FunctionOutcome.Of($"nothing to answer from {received.PeerId}: not a request");
        }

        var invalid = DiameterRequestValidator.Validate(request)
            ?? (request.ApplicationId != DiameterApplicationId.Rx.Value
                ? new DiameterDecodeError(DiameterErrorReason.ApplicationUnsupported, $"application {request.ApplicationId} is not served by the P-CSCF", request.Header, null, request.SessionId)
                : request.CommandCode is not (274 or 258)
                    ? new DiameterDecodeError(DiameterErrorReason.CommandUnsupported, $"the P-CSCF receives ASR and RAR, not command {request.CommandCode}", request.Header, null, request.SessionId)
                    : null);
        if (invalid is not null)
        {
            return DiameterErrorAnswer.Create(invalid, host, _options.HomeDomain) is { } error
                ? FunctionOutcome.Of($"Rx request from {received.PeerId} refused: {invalid.ResultCode.Name} ({invalid.Detail})", Answer(received, error))
                : FunctionOutcome.Of($"Rx request from {received.PeerId} dropped: {invalid.Detail}");
        }

        var isAsr = request.CommandCode == 274;
        var name = isAsr ? "ASR" : "RAR";
        var sessionId = request.SessionId!;
        var row = await PcscfRxSessions.FindAsync(_store, sessionId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            // RFC 6733 8.1 and 7.1.5: a session this P-CSCF does not hold (ended, or never its own).
            var unknown = isAsr
                ? RxRequests.Asa(request, host, _options.HomeDomain, DiameterResultCode.UnknownSessionId)
                : RxRequests.Raa(request, host, _options.HomeDomain, DiameterResultCode.UnknownSessionId);
            return FunctionOutcome.Of($"{name} for unknown session {sessionId}: answered 5002", Answer(received, unknown));
        }

        var lossOfBearer = !isAsr && request.FindAll(Ims.Diameter.Dictionary.Avps.SpecificAction)
            .Any(a => a.TryGetUnsigned32(out var action) && action == RxValues.IndicationOfLossOfBearer);
        var ack = Answer(received, isAsr ? RxRequests.Asa(request, host, _options.HomeDomain) : RxRequests.Raa(request, host, _options.HomeDomain));
        if (!isAsr && !lossOfBearer)
        {
            return FunctionOutcome.Of($"RAR for {sessionId} ({row.CallId}, {row.Side}) acknowledged", ack);
        }

        if (row.Ended)
        {
            return FunctionOutcome.Of($"{name} for {sessionId}, already ended: acknowledged", ack);
        }

        return await EndSessionAsync(
            row,
            isAsr ? $"ASR for {sessionId}: the PCRF aborted the session of {row.CallId} ({row.Side}), ASA 2001" : $"RAR for {sessionId}: bearer of {row.CallId} ({row.Side}) lost, RAA 2001",
            isAsr ? "Session aborted by the PCRF" : "Bearer lost",
            [ack],
            cancellationToken).ConfigureAwait(false);
    }

    private static OutgoingCommand Answer(DiameterRequestReceived received, DiameterMessage answer) =>
        new(new SendDiameterAnswer(received.PeerId, DiameterEncoder.Encode(answer)));
}
