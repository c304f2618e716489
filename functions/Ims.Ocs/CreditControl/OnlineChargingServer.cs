using Ims.Diameter.Answers;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Validation;
using Ims.Diameter.Values;
using Ims.Ocs.Accounts;
using Ims.Storage;

namespace Ims.Ocs.CreditControl;

/// <summary>
/// The OCS side of Ro (RFC 4006 5-8, TS 32.299 6.4) as a pure handler: one decoded CCR in, its
/// CCA out, with a sentence saying what was decided. Session charging (SCUR): INITIAL reserves,
/// UPDATE debits what was used, releases the rest and reserves again, TERMINATION debits and
/// refunds. EVENT: direct debiting, refund and balance check (RFC 4006 5.3, 6).
/// </summary>
/// <remarks>
/// Results: DIAMETER_SUCCESS with Granted-Service-Unit; DIAMETER_CREDIT_LIMIT_REACHED (4012) when
/// nothing is left; DIAMETER_USER_UNKNOWN (5030) for a subscriber without an account;
/// DIAMETER_UNKNOWN_SESSION_ID (5002) for an UPDATE or TERMINATION of no open session;
/// DIAMETER_MISSING_AVP / DIAMETER_INVALID_AVP_VALUE with Failed-AVP for malformed requests.
/// Nothing throws out of <see cref="HandleAsync"/>: a store failure is DIAMETER_UNABLE_TO_COMPLY.
/// </remarks>
public sealed class OnlineChargingServer
{
    private readonly ITableStore _store;
    private readonly OcsOptions _options;
    private readonly CreditAccounts _accounts;

    public OnlineChargingServer(ITableStore store, OcsOptions options)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _accounts = new CreditAccounts(store);
    }

    /// <summary>The answer and decision; null only for a message that is not a request (RFC 6733 7.2).</summary>
    public async Task<CreditControlAnswered?> HandleAsync(DiameterMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsRequest)
        {
            return null;
        }

        if (DiameterRequestValidator.Validate(request) is { } invalid)
        {
            return Refused(request, invalid);
        }

        if (request.ApplicationId != DiameterApplicationId.CreditControl.Value || request.CommandCode != DiameterCommands.CreditControlRo.Code)
        {
            var reason = request.ApplicationId != DiameterApplicationId.CreditControl.Value ? DiameterErrorReason.ApplicationUnsupported : DiameterErrorReason.CommandUnsupported;
            return Refused(request, new DiameterDecodeError(reason, $"the OCS serves Credit-Control only, not {request.ApplicationId}/{request.CommandCode}", request.Header, null, request.SessionId));
        }

        if (CreditControlRequest.Read(request, out var malformed) is not { } ccr)
        {
            return new CreditControlAnswered(CreditControlAnswer.Refusal(request, malformed!, _options), $"CCR refused: {malformed!.ResultCode.Name} ({malformed.Detail})");
        }

        try
        {
            return ccr.Type switch
            {
                CcRequestType.Initial => await InitialAsync(ccr, cancellationToken).ConfigureAwait(false),
                CcRequestType.Update => await UpdateAsync(ccr, cancellationToken).ConfigureAwait(false),
                CcRequestType.Termination => await TerminationAsync(ccr, cancellationToken).ConfigureAwait(false),
                _ => await EventAsync(ccr, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // RFC 6733 7.1.5: a definite answer; the message names only the failure's type.
            return new CreditControlAnswered(CreditControlAnswer.Result(ccr, _options, DiameterResultCode.UnableToComply, $"OCS failure: {ex.GetType().Name}"), $"OCS failure: {ex.GetType().Name}");
        }
    }

    /// <summary>The answer to bytes that did not decode, or null when no request header could be read.</summary>
    public CreditControlAnswered? Reject(DiameterDecodeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return DiameterErrorAnswer.Create(error, _options.OriginHost, _options.OriginRealm) is { } answer
            ? new CreditControlAnswered(answer, $"undecodable request refused: {error.ResultCode.Name} ({error.Detail})")
            : null;
    }

    private async Task<CreditControlAnswered> InitialAsync(CreditControlRequest ccr, CancellationToken cancellationToken)
    {
        if (ccr.Subscriber is not { } subscriber)
        {
            return UserUnknown(ccr, "no SIP URI or E.164 Subscription-Id");
        }

        var existing = await ReadSessionAsync(ccr.SessionId, cancellationToken).ConfigureAwait(false);
        if (existing is { } open)
        {
            // RFC 4006 5.1.1: a retransmission carries the same CC-Request-Number and gets the same answer.
            return open.Session.LastRequestNumber == ccr.Number
                ? Repeat(ccr, open.Session)
                : new CreditControlAnswered(CreditControlAnswer.Result(ccr, _options, DiameterResultCode.UnableToComply, "a session with this Session-Id is already open"), $"CCA-I refused: session {ccr.SessionId} is already open");
        }

        var want = Wanted(ccr);
        long grant = 0;
        var change = await _accounts.ChangeAsync(subscriber, account =>
        {
            grant = Math.Min(want, account.AvailableSeconds);
            return grant > 0 ? account.Reserve(grant) : null;
        }, cancellationToken).ConfigureAwait(false);
        if (change is null)
        {
            return UserUnknown(ccr, subscriber);
        }

        if (grant == 0)
        {
            return CreditLimit(ccr, subscriber, change.After);
        }

        var session = new CreditSession { SessionId = ccr.SessionId, Subscriber = change.After.Subscriber, ReservedSeconds = grant, LastRequestNumber = ccr.Number, LastGrantSeconds = grant };
        var inserted = await _store.InsertAsync(CreditTables.SessionTable, CreditTables.ToEntity(session), cancellationToken).ConfigureAwait(false);
        if (!inserted.IsOk)
        {
            // The same Session-Id opened concurrently: give the reservation back, answer once.
            await _accounts.ChangeAsync(subscriber, a => a.Settle(0, grant), cancellationToken).ConfigureAwait(false);
            return new CreditControlAnswered(CreditControlAnswer.Result(ccr, _options, DiameterResultCode.UnableToComply, "a session with this Session-Id is already open"), $"CCA-I refused: session {ccr.SessionId} opened twice at once");
        }

        return new CreditControlAnswered(CreditControlAnswer.Grant(ccr, _options, grant, grant < want), $"CCA-I 2001: granted {grant} s to {change.After.Subscriber} (asked {want} s), {Remaining(change.After)}");
    }

    private async Task<CreditControlAnswered> UpdateAsync(CreditControlRequest ccr, CancellationToken cancellationToken)
    {
        if (await ReadSessionAsync(ccr.SessionId, cancellationToken).ConfigureAwait(false) is not { } open)
        {
            return UnknownSession(ccr);
        }

        var session = open.Session;
        if (session.LastRequestNumber == ccr.Number)
        {
            return Repeat(ccr, session);
        }

        var want = Wanted(ccr);
        long grant = 0;
        var change = await _accounts.ChangeAsync(session.Subscriber, account =>
        {
            // RFC 4006 5.1.2: used units are debited, the rest of the reservation released, then a new reservation made.
            var settled = account.Settle(ccr.UsedSeconds, session.ReservedSeconds);
            grant = Math.Min(want, settled.AvailableSeconds);
            return settled.Reserve(grant);
        }, cancellationToken).ConfigureAwait(false);
        if (change is null)
        {
            return UserUnknown(ccr, session.Subscriber);
        }

        var next = session with { ReservedSeconds = grant, UsedSeconds = session.UsedSeconds + ccr.UsedSeconds, LastRequestNumber = ccr.Number, LastGrantSeconds = grant };
        await _store.ReplaceAsync(CreditTables.SessionTable, CreditTables.ToEntity(next, open.ETag), cancellationToken).ConfigureAwait(false);
        if (grant == 0)
        {
            return CreditLimit(ccr, session.Subscriber, change.After, $"used {ccr.UsedSeconds} s; ");
        }

        return new CreditControlAnswered(CreditControlAnswer.Grant(ccr, _options, grant, grant < want), $"CCA-U 2001: used {ccr.UsedSeconds} s, granted {grant} s to {session.Subscriber}, {Remaining(change.After)}");
    }

    private async Task<CreditControlAnswered> TerminationAsync(CreditControlRequest ccr, CancellationToken cancellationToken)
    {
        if (await ReadSessionAsync(ccr.SessionId, cancellationToken).ConfigureAwait(false) is not { } open)
        {
            return UnknownSession(ccr);
        }

        var session = open.Session;
        var change = await _accounts.ChangeAsync(session.Subscriber, a => a.Settle(ccr.UsedSeconds, session.ReservedSeconds), cancellationToken).ConfigureAwait(false);
        await _store.DeleteAsync(CreditTables.SessionTable, CreditTables.SessionKey(session.SessionId), CreditTables.SessionRow, ETag.Any, cancellationToken).ConfigureAwait(false);
        var refunded = Math.Max(0, session.ReservedSeconds - ccr.UsedSeconds);
        var balance = change is null ? "the account is gone" : Remaining(change.After);
        return new CreditControlAnswered(CreditControlAnswer.Result(ccr, _options, DiameterResultCode.Success),
            $"CCA-T 2001: {session.Subscriber} used {ccr.UsedSeconds} s (session total {session.UsedSeconds + ccr.UsedSeconds} s), {refunded} s of the reservation returned, {balance}");
    }

    private async Task<CreditControlAnswered> EventAsync(CreditControlRequest ccr, CancellationToken cancellationToken)
    {
        if (ccr.Subscriber is not { } subscriber)
        {
            return UserUnknown(ccr, "no SIP URI or E.164 Subscription-Id");
        }

        var want = Wanted(ccr);
        switch (ccr.RequestedAction)
        {
            case CcRequestedAction.DirectDebiting:
            {
                var enough = false;
                var change = await _accounts.ChangeAsync(subscriber, account =>
                {
                    enough = account.AvailableSeconds >= want;
                    return enough ? account.Settle(want, 0) : null;
                }, cancellationToken).ConfigureAwait(false);
                if (change is null)
                {
                    return UserUnknown(ccr, subscriber);
                }

                return enough
                    ? new CreditControlAnswered(CreditControlAnswer.Grant(ccr, _options, want, final: false), $"CCA-E 2001: debited {want} s from {subscriber}, {Remaining(change.After)}")
                    : CreditLimit(ccr, subscriber, change.After);
            }

            case CcRequestedAction.RefundAccount:
            {
                var refund = ccr.RequestedSeconds ?? 0;
                var change = await _accounts.ChangeAsync(subscriber, a => a.Refund(refund), cancellationToken).ConfigureAwait(false);
                return change is null
                    ? UserUnknown(ccr, subscriber)
                    : new CreditControlAnswered(CreditControlAnswer.Result(ccr, _options, DiameterResultCode.Success), $"CCA-E 2001: refunded {refund} s to {subscriber}, {Remaining(change.After)}");
            }

            case CcRequestedAction.CheckBalance:
            {
                if (await _accounts.ReadAsync(subscriber, cancellationToken).ConfigureAwait(false) is not { } account)
                {
                    return UserUnknown(ccr, subscriber);
                }

                // RFC 4006 8.6: ENOUGH_CREDIT (0) or NO_CREDIT (1).
                var enough = account.AvailableSeconds >= want;
                var answer = CreditControlAnswer.Head(ccr, _options, DiameterResultCode.Success).Add(Avps.CheckBalanceResult, enough ? 0u : 1u).Build();
                return new CreditControlAnswered(answer, $"CCA-E 2001: {subscriber} has {(enough ? "enough" : "no")} credit for {want} s, {Remaining(account)}");
            }

            default:
            {
                // RFC 4006 5.2.3: the built-in OCS has no tariff to quote, so a price enquiry is a value it does not serve.
                var error = new DiameterDecodeError(DiameterErrorReason.InvalidAvpValue, "the built-in OCS does not answer price enquiries", ccr.Message.Header, ccr.Message.Find(Avps.RequestedAction), ccr.SessionId);
                return new CreditControlAnswered(CreditControlAnswer.Refusal(ccr.Message, error, _options), "CCA-E 5004: price enquiry not offered");
            }
        }
    }

    private async Task<(CreditSession Session, ETag ETag)?> ReadSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (sessionId.Length == 0)
        {
            return null;
        }

        var read = await _store.GetAsync(CreditTables.SessionTable, CreditTables.SessionKey(sessionId), CreditTables.SessionRow, cancellationToken).ConfigureAwait(false);
        return read.IsOk && CreditTables.ToSession(read.Value!) is { } session ? (session, read.Value!.ETag) : null;
    }

    // RFC 4006 5.1.2: the server decides how much to grant; a request asks for an amount or leaves it to the server.
    private long Wanted(CreditControlRequest ccr) =>
        Math.Clamp(ccr.RequestedSeconds is { } asked && asked > 0 ? asked : _options.DefaultQuotaSeconds, 1, Math.Max(1, _options.MaxQuotaSeconds));

    private CreditControlAnswered Repeat(CreditControlRequest ccr, CreditSession session) =>
        session.LastGrantSeconds > 0
            ? new CreditControlAnswered(CreditControlAnswer.Grant(ccr, _options, session.LastGrantSeconds, final: false), $"CCA-{CreditControlRequest.Letter(ccr.Type)} 2001: retransmission of request {ccr.Number}, same grant of {session.LastGrantSeconds} s")
            : new CreditControlAnswered(CreditControlAnswer.Result(ccr, _options, DiameterResultCode.CreditLimitReached), $"CCA-{CreditControlRequest.Letter(ccr.Type)} 4012: retransmission of request {ccr.Number}, still nothing to grant");

    private CreditControlAnswered CreditLimit(CreditControlRequest ccr, string subscriber, CreditAccount account, string prefix = "") =>
        new CreditControlAnswered(CreditControlAnswer.Result(ccr, _options, DiameterResultCode.CreditLimitReached),
            $"CCA-{CreditControlRequest.Letter(ccr.Type)} 4012: {prefix}no credit left for {subscriber}, {Remaining(account)}");

    private CreditControlAnswered UserUnknown(CreditControlRequest ccr, string who) =>
        new CreditControlAnswered(CreditControlAnswer.Result(ccr, _options, DiameterResultCode.UserUnknown), $"CCA-{CreditControlRequest.Letter(ccr.Type)} 5030: no account for {who}");

    private CreditControlAnswered UnknownSession(CreditControlRequest ccr) =>
        new CreditControlAnswered(CreditControlAnswer.Result(ccr, _options, DiameterResultCode.UnknownSessionId), $"CCA-{CreditControlRequest.Letter(ccr.Type)} 5002: no open credit-control session {ccr.SessionId}");

    private CreditControlAnswered Refused(DiameterMessage request, DiameterDecodeError error) =>
        new(DiameterErrorAnswer.Create(error, _options.OriginHost, _options.OriginRealm)!, $"CCR refused: {error.ResultCode.Name} ({error.Detail})");

    private static string Remaining(CreditAccount account) => $"balance {account.Describe()}";
}
