using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions;
using Ims.Pcrf.Policies;
using Ims.Storage;

namespace Ims.Pcrf.Release;

/// <summary>
/// The PCRF ending a subscriber's sessions on the operator's word (`ims policy release`): for each
/// live Rx session of the subscriber it sends ASR (TS 29.214 4.4.4) or RAR reporting the bearer lost
/// (4.4.6.1) to the AF that opened it, and reads the ASA/RAA that comes back in a continuation.
/// <code>
///  operator ─policy.release.requested─▶ pcrf.release ─ASR/RAR (Destination-Host = AAR's Origin-Host)─▶ AF
///                                            ▲                                                        │
///                                            └──────────── ASA/RAA (continuation "pcrf.release") ─────┘
///  AF ─STR─▶ pcrf.rx: session and index rows removed, STA 2001
/// </code>
/// The session stays in the tables until the AF's STR: an ASA only says the AF will end it. An ASA of
/// 2001 sets a timer (<see cref="PcrfOptions.StrWait"/>); a session still held when it fires never
/// got its STR and is removed. An AF that answers DIAMETER_UNKNOWN_SESSION_ID no longer holds the
/// session, so the PCRF drops it itself; an AF that does not answer keeps its session listed (a later
/// release tries again). Nothing throws out of <see cref="HandleAsync"/>.
/// </summary>
public sealed class PcrfReleaseFunction(ITableStore store, PcrfOptions options) : IImsFunction
{
    private const string AsaStep = "asa";
    private const string RaaStep = "raa";
    private const string StrWaitPrefix = "pcrf-str|";
    private readonly ITableStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly PcrfOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => "pcrf.release";

    public bool Accepts(BusEnvelope envelope) => envelope?.Message switch
    {
        PolicyReleaseRequested => true,
        DiameterAnswerReceived => envelope.Continuation?.Handler == Name,
        TimerFired fired => fired.TimerId.StartsWith(StrWaitPrefix, StringComparison.Ordinal),
        _ => false,
    };

    public async ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        try
        {
            return envelope.Message switch
            {
                PolicyReleaseRequested release => await ReleaseAsync(release, cancellationToken).ConfigureAwait(false),
                DiameterAnswerReceived answer when envelope.Continuation is { } continuation => await AnsweredAsync(envelope, answer, continuation, cancellationToken).ConfigureAwait(false),
                TimerFired fired => await StrOverdueAsync(fired, cancellationToken).ConfigureAwait(false),
                _ => FunctionOutcome.Of($"{Name} does not handle {envelope.Type}"),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return FunctionOutcome.Of($"PCRF release failure on {envelope.Type}: {ex.GetType().Name}");
        }
    }

    private async Task<FunctionOutcome> ReleaseAsync(PolicyReleaseRequested release, CancellationToken cancellationToken)
    {
        var subscriber = release.Subscriber?.Trim() ?? string.Empty;
        if (subscriber.Length == 0)
        {
            return FunctionOutcome.Of("release refused: no subscriber named");
        }

        var commands = new List<OutgoingCommand>();
        var sent = new List<string>();
        var stale = 0;
        await foreach (var index in _store.QueryPartitionAsync(PolicyTables.SubscriberSessionTable, PolicyTables.SubscriberKey(subscriber), cancellationToken).ConfigureAwait(false))
        {
            var read = await _store.GetAsync(PolicyTables.SessionTable, index.RowKey, PolicyTables.SessionRow, cancellationToken).ConfigureAwait(false);
            if (!read.IsOk || PolicyTables.ToSession(read.Value!) is not { } session)
            {
                // The session ended (STR) between the two writes of an AAR and its index: drop the pointer.
                await _store.DeleteAsync(PolicyTables.SubscriberSessionTable, index.PartitionKey, index.RowKey, ETag.Any, cancellationToken).ConfigureAwait(false);
                stale++;
                continue;
            }

            var (request, step) = release.Release == PolicyRelease.LossOfBearer
                ? (RxReleaseRequests.RarLossOfBearer(session, _options), RaaStep)
                : (RxReleaseRequests.Asr(session, _options, release.AbortCause), AsaStep);
            commands.Add(new OutgoingCommand(new SendDiameterRequest(DiameterEncoder.Encode(request)), new Continuation(Name, step, session.SessionId)));
            sent.Add($"{session.SessionId} to {session.AfHost}");
        }

        var what = release.Release == PolicyRelease.LossOfBearer
            ? "RAR INDICATION_OF_LOSS_OF_BEARER"
            : $"ASR {RxAbortCause.NameOf(release.AbortCause)}";
        var dropped = stale > 0 ? $" ({stale} stale index row(s) dropped)" : string.Empty;
        return sent.Count == 0
            ? new FunctionOutcome(commands, $"release of {subscriber}: no live Rx session{dropped}")
            : new FunctionOutcome(commands, $"release of {subscriber}: {what} for {string.Join(", ", sent)}{dropped}");
    }

    private async Task<FunctionOutcome> AnsweredAsync(BusEnvelope envelope, DiameterAnswerReceived received, Continuation continuation, CancellationToken cancellationToken)
    {
        var sessionId = continuation.State;
        var name = continuation.Step == RaaStep ? "RAA" : "ASA";
        var request = continuation.Step == RaaStep ? "RAR" : "ASR";
        if (received.Message is null)
        {
            // TS 29.214 4.4.4 leaves an unreachable AF's session to the PCRF: it is kept, and listed
            // for the next release, rather than forgotten while the AF may still hold it.
            return FunctionOutcome.Of($"{request} for {sessionId} not answered ({received.Failure}); session kept until its STR");
        }

        var decoded = DiameterDecoder.Decode(received.Message);
        if (!decoded.IsSuccess || decoded.Message.IsRequest)
        {
            return FunctionOutcome.Of($"{name} for {sessionId} unreadable: {(decoded.IsSuccess ? "not an answer" : decoded.Error!.Detail)}");
        }

        var answer = decoded.Message;
        var result = answer.GetUnsigned32(Avps.ResultCode);
        var from = answer.OriginHost ?? "the AF";
        if (result == DiameterResultCode.Success.Value && continuation.Step == AsaStep)
        {
            // RFC 6733 8.5: the AF agreed to end the session and owes an STR; if none comes, the session goes anyway.
            var due = envelope.Time + _options.StrWait;
            return FunctionOutcome.Of(
                $"{name} 2001 from {from} for {sessionId}: the AF ends the session and sends STR (removed at {due:O} if it does not)",
                new OutgoingCommand(new ScheduleTimer(StrWaitPrefix + sessionId, due, sessionId)));
        }

        if (result == DiameterResultCode.Success.Value)
        {
            // TS 29.214 4.4.6.1: after a RAR the AF may keep the session; only its STR ends it.
            return FunctionOutcome.Of($"{name} 2001 from {from} for {sessionId}: the AF chooses whether to end the session with STR");
        }

        if (result == DiameterResultCode.UnknownSessionId.Value)
        {
            // RFC 6733 8.5: the AF no longer holds the session, so no STR will come; the PCRF ends it here.
            var held = await _store.GetAsync(PolicyTables.SessionTable, PolicyTables.SessionKey(sessionId), PolicyTables.SessionRow, cancellationToken).ConfigureAwait(false);
            await PolicyTables.RemoveSessionAsync(_store, sessionId, cancellationToken).ConfigureAwait(false);
            return FunctionOutcome.Of($"{name} 5002 from {from}: the AF no longer holds {sessionId}; session removed");
        }

        var code = result?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "without Result-Code";
        return FunctionOutcome.Of($"{name} {code} from {from} for {sessionId}; session kept until its STR");
    }

    /// <summary>The wait after an ASA of 2001 is over: a session still held never got its STR.</summary>
    private async Task<FunctionOutcome> StrOverdueAsync(TimerFired fired, CancellationToken cancellationToken)
    {
        var sessionId = fired.Payload;
        if (sessionId.Length == 0)
        {
            return FunctionOutcome.Of($"timer {fired.TimerId} names no session; ignored");
        }

        var (removed, _) = await PolicyTables.RemoveSessionAsync(_store, sessionId, cancellationToken).ConfigureAwait(false);
        if (!removed)
        {
            return FunctionOutcome.Of($"{sessionId} ended with its STR; nothing left to remove");
        }

        return FunctionOutcome.Of($"no STR for {sessionId} within {_options.StrWait.TotalSeconds:0} s of the AF's ASA 2001; session removed");
    }
}
