using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Ims.Bus;
using Ims.Edge.Core;
using Ims.Edge.Sip.Transactions;
using Ims.Edge.Sip.Transport;
using Ims.Events;
using Ims.Sip;
using Ims.Sip.Building;
using Ims.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace Ims.Edge.Sip.Core;

/// <summary>
/// The SIP side of the edge for one role (P-, I- or S-CSCF) on one port, UDP and TCP. It parses,
/// keeps RFC 3261 transactions, answers statelessly what no function could (400 with the fault,
/// 483, 505, 513), and turns every other request into a <see cref="SipRequestReceived"/> event held
/// in a suspended transaction until a command answers or forwards it. It decides nothing else.
/// </summary>
/// <remarks>
/// <code>
///  UE ──REGISTER──▶ transport ─▶ parse ─▶ transaction (new) ─▶ event ─▶ bus ─▶ function
///                                                   ▲ suspended until deadline (504)
///  UE ◀──401─────── transaction ◀── SendSipResponse ◀──────────── bus ◀──────┘
///  next hop ◀─────── client transaction ◀── ForwardSipRequest; its responses ─▶ SipResponseReceived
/// </code>
/// </remarks>
public sealed partial class SipEdge : IAsyncDisposable
{
    private readonly ImsRole _role;
    private readonly IEventBus _bus;
    private readonly EnvelopeStamp _stamp;
    private readonly TimeProvider _time;
    private readonly TimeSpan _deadline;
    private readonly ILogger _logger;
    private readonly SipUdpTransport _udp;
    private readonly SipTcpTransport _tcp;
    private readonly SipTransactionLayer _transactions;
    private readonly ConcurrentDictionary<string, SuspendedRequest> _suspended = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string>? _hosts;
    private readonly ConcurrentDictionary<string, (SipMessage Request, SipPeer Peer)> _forwardedInvites = new(StringComparer.Ordinal);

    // Requests this edge answered itself while their decision was still pending (487 after a CANCEL,
    // 504 at the deadline), with that answer, for as long as a late decision may still come; see Forward.
    private readonly ConcurrentDictionary<string, (ITimer Timer, int Status, string Reason)> _endedUndecided = new(StringComparer.Ordinal);

    public SipEdge(
        ImsRole role, IPEndPoint bind, IEventBus bus, EnvelopeStamp stamp, TimeProvider time, TimeSpan deadline, ILogger logger, SipTimers? timers = null, IReadOnlyDictionary<string, string>? hosts = null, string? advertise = null)
    {
        _hosts = hosts;
        ArgumentNullException.ThrowIfNull(bind);
        _role = role;
        _bus = bus ?? throw new ArgumentNullException(nameof(bus));
        _stamp = stamp ?? throw new ArgumentNullException(nameof(stamp));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _deadline = deadline;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        // The sockets bind to the bind address; events name the advertised one as their Local address,
        // which is what the functions put in the Via they add (RFC 3261 16.6 step 8) and recognise in a Route.
        (_udp, _tcp) = Listen(bind, advertise);
        _transactions = new SipTransactionLayer(new Sender(this), time, timers);
    }

    /// <summary>
    /// UDP, and TCP on the same port (RFC 3261 18: a SIP element listens on both). With port 0 the
    /// system picks the UDP port, and that number may already be taken for TCP: then another pick.
    /// </summary>
    private (SipUdpTransport Udp, SipTcpTransport Tcp) Listen(IPEndPoint bind, string? advertise)
    {
        for (var attempt = 1; ; attempt++)
        {
            var udp = new SipUdpTransport(bind, Received, advertise);
            try
            {
                return (udp, new SipTcpTransport(new IPEndPoint(bind.Address, udp.Local.Port), SipMessageFraming.Frame, Received, advertise));
            }
            catch (SocketException ex) when (bind.Port == 0 && ex.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < 8)
            {
                udp.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    public IPEndPoint LocalEndPoint => _udp.Local;

    /// <summary>This role's host:port as it is named on the wire (the advertised address, else the socket's).</summary>
    public string SentBy => _udp.SentBy;

    public ImsRole Role => _role;

    public void Start()
    {
        _udp.Start();
        _tcp.Start();
    }

    /// <summary>Carries out a SIP command for this role; false when it is not one of this edge's transactions.</summary>
    public ValueTask<bool> ExecuteAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return ValueTask.FromResult(Execute(envelope));
    }

    private bool Execute(BusEnvelope envelope)
    {
        switch (envelope.Message)
        {
            case SendSipResponse response when Owns(response.TransactionId):
                Respond(response.TransactionId, response.Message);
                return true;
            case ForwardSipRequest forward when Owns(forward.TransactionId):
                Forward(envelope, forward);
                return true;
            case SendSipRequest originate when originate.Role == _role:
                Originate(envelope, originate);
                return true;
            default:
                return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var suspended in _suspended.Values)
        {
            suspended.Timer.Dispose();
        }

        foreach (var ended in _endedUndecided.Values)
        {
            ended.Timer.Dispose();
        }

        _transactions.Dispose();
        await _udp.DisposeAsync().ConfigureAwait(false);
        await _tcp.DisposeAsync().ConfigureAwait(false);
    }

    // Transaction ids of this edge carry the role, so one command router serves every role's edge.
    private string TransactionId(string key) => $"{_role}|{key}";

    private bool Owns(string transactionId) => transactionId.StartsWith($"{_role}|", StringComparison.Ordinal);

    private static string Key(string transactionId) => transactionId[(transactionId.IndexOf('|', StringComparison.Ordinal) + 1)..];

    private void Received(byte[] bytes, SipPeer from, string local)
    {
        var parsed = SipMessage.Parse(bytes, from.Transport == SipTransport.Udp ? SipFramingMode.Datagram : SipFramingMode.Stream);
        if (parsed.Message is not { } message)
        {
            // Nothing to answer with: no Via to send a 400 to (RFC 3261 18.1.2, 16.7 for responses).
            LogDropped(_logger, from.ToString(), parsed.Reason);
            return;
        }

        if (!message.IsRequest)
        {
            if (!parsed.IsValid || !_transactions.ReceiveResponse(SipTransactionSummary.Of(message)))
            {
                LogDropped(_logger, from.ToString(), parsed.IsValid ? "response matches no transaction" : parsed.Reason);
            }

            return;
        }

        if (!parsed.IsValid)
        {
            RespondStatelessly(message, from, parsed.StatusCode, parsed.Reason);
            return;
        }

        // RFC 3261 16.3 step 3: a request that may take no more hops is refused here.
        if (message.MaxForwards == 0 && message.Method != "ACK")
        {
            RespondStatelessly(message, from, 483, "Too Many Hops");
            return;
        }

        // RFC 3261 16.3 step 5: an extension a proxy must understand and does not is refused with 420
        // and the tags in Unsupported (8.2.2.3). The CSCFs implement "path" (RFC 3327) only; sec-agree
        // (RFC 3329, IPsec) is not offered, so a UE that insists on it is told so.
        var unsupported = message.ProxyRequire.Where(tag => !SupportedExtensions.Contains(tag)).ToList();
        if (unsupported.Count > 0 && message.Method != "ACK" && message.Method != "CANCEL")
        {
            RespondStatelessly(message, from, 420, "Bad Extension", ("Unsupported", string.Join(", ", unsupported)));
            return;
        }

        var outcome = _transactions.ReceiveRequest(SipTransactionSummary.Of(message), from);
        switch (outcome.Disposition)
        {
            case ServerRequestDisposition.NewTransaction when message.Method == "CANCEL":
                Cancel(message, outcome.TransactionId);
                break;
            case ServerRequestDisposition.NewTransaction:
                Suspend(TransactionId(outcome.TransactionId), message, from);
                if (message.Method == "INVITE")
                {
                    // RFC 3261 16.2: a stateful proxy answers an INVITE with 100 Trying at once.
                    _transactions.SendResponse(outcome.TransactionId, 100, new SipResponseBuilder(message, 100, "Trying").ToArray());
                }

                Publish(message, TransactionId(outcome.TransactionId), from, local);
                break;
            case ServerRequestDisposition.StatelessAck:
                // The ACK for a 2xx is a transaction of its own (RFC 3261 17.1.1.3): the functions route it.
                Publish(message, TransactionId("ack|" + outcome.TransactionId), from, local);
                break;
        }
    }

    /// <summary>
    /// RFC 3261 16.10: a stateful proxy answers CANCEL itself (200, or 481 when it has no such INVITE),
    /// cancels what it forwarded, and lets the 487 that comes back travel up as any response; an INVITE
    /// still waiting for a decision is answered 487 here. Transaction work, not an IMS decision.
    /// </summary>
    private void Cancel(SipMessage cancel, string cancelKey)
    {
        var inviteKey = cancelKey[..cancelKey.LastIndexOf('|')] + "|INVITE";
        if (_transactions.ServerState(inviteKey) is null)
        {
            _transactions.SendResponse(cancelKey, 481, new SipResponseBuilder(cancel, 481, "Call/Transaction Does Not Exist").WithToTag("edge").ToArray());
            return;
        }

        _transactions.SendResponse(cancelKey, 200, new SipResponseBuilder(cancel, 200, "OK").WithToTag("edge").ToArray());
        if (_forwardedInvites.TryRemove(inviteKey, out var forwarded))
        {
            var request = forwarded.Request;
            // RFC 3261 9.1: the Request-URI, Call-ID, From, To, CSeq number and the one top Via of the request it cancels.
            var bytes = SameBranchRequest("CANCEL", request, request.First(SipHeaderKind.To)!);
            try
            {
                _transactions.StartClient(SipTransactionSummary.Of(SipMessage.Parse(bytes).Message!), forwarded.Peer, new CancelUser());
            }
            catch (InvalidOperationException ex)
            {
                LogBadCommand(_logger, cancelKey, ex.Message);
            }

            return;
        }

        // Not forwarded yet: the INVITE ends here (RFC 3261 16.10, 487 Request Terminated).
        var invite = TransactionId(inviteKey);
        if (_suspended.TryGetValue(invite, out var pending))
        {
            Respond(invite, new SipResponseBuilder(pending.Request, 487, "Request Terminated").WithToTag("edge").ToArray());
            RememberEndedUndecided(invite, 487, "Request Terminated");
        }
    }

    /// <summary>
    /// The function deciding a request this edge has just answered itself does not know yet: the
    /// transaction is remembered for one more deadline, so that a late "forward" is not sent (see Forward).
    /// </summary>
    private void RememberEndedUndecided(string transactionId, int status, string reason)
    {
        var timer = _time.CreateTimer(_ => ForgetEndedUndecided(transactionId), null, _deadline, Timeout.InfiniteTimeSpan);
        if (!_endedUndecided.TryAdd(transactionId, (timer, status, reason)))
        {
            timer.Dispose();
        }
    }

    private void ForgetEndedUndecided(string transactionId)
    {
        if (_endedUndecided.TryRemove(transactionId, out var ended))
        {
            ended.Timer.Dispose();
        }
    }

    /// <summary>
    /// A hop-by-hop request on the branch of <paramref name="request"/> (the ACK of a non-2xx final
    /// response, RFC 3261 17.1.1.3; a CANCEL, 9.1): its Request-URI, top Via, From, Call-ID, CSeq
    /// number and Route headers, with the given To and method.
    /// </summary>
    private static byte[] SameBranchRequest(string method, SipMessage request, string to)
    {
        var built = new SipRequestBuilder(method, request.RequestUriText)
            .Add("Via", request.First(SipHeaderKind.Via) is { } via ? Ims.Sip.Syntax.SipText.SplitList(via)?[0] ?? via : string.Empty)
            .Add("Max-Forwards", "70")
            .Add("From", request.First(SipHeaderKind.From)!)
            .Add("To", to)
            .Add("Call-ID", request.CallId!)
            .Add("CSeq", $"{request.CSeq!.Number} {method}");
        foreach (var route in request.Values(SipHeaderKind.Route) ?? [])
        {
            built.Add("Route", route);
        }

        return built.ToArray();
    }

    private void Suspend(string transactionId, SipMessage request, SipPeer from)
    {
        var timer = _time.CreateTimer(
            _ =>
            {
                if (_suspended.TryRemove(transactionId, out var expired))
                {
                    expired.Timer.Dispose();
                    // No decision in time: answer rather than leave the UE retransmitting (Sproutlet rule).
                    LogDeadline(_logger, transactionId);
                    _transactions.SendResponse(Key(transactionId), 504, new SipResponseBuilder(request, 504, "Server Time-out").WithToTag("edge").ToArray());
                    RememberEndedUndecided(transactionId, 504, "Server Time-out");
                }
            },
            null,
            _deadline,
            Timeout.InfiniteTimeSpan);
        _suspended[transactionId] = new SuspendedRequest(timer, request, $"{request.Method} {request.RequestUriText} from {from}", _time.GetTimestamp());
    }

    private void Publish(SipMessage message, string transactionId, SipPeer from, string local)
    {
        // Order by registration identity for REGISTER (the To AOR), by dialog otherwise (DESIGN: partition keys).
        var partitionKey = message.Method == "REGISTER" && message.To is { } to ? to.Uri.AddressOfRecord : message.CallId ?? transactionId;
        var envelope = _stamp.Envelope(partitionKey, transactionId, new SipRequestReceived(_role, transactionId, from.Transport, from.Address, local, message.Bytes.ToArray()));
        _ = _bus.PublishAsync(envelope, CancellationToken.None).AsTask();
    }

    private void Respond(string transactionId, byte[] bytes)
    {
        var parsed = SipMessage.Parse(bytes);
        if (parsed.Message is not { IsRequest: false } response)
        {
            LogBadCommand(_logger, transactionId, parsed.Reason);
            return;
        }

        if (response.StatusCode >= 200)
        {
            _forwardedInvites.TryRemove(Key(transactionId), out _);
        }

        if (response.StatusCode >= 200 && _suspended.TryRemove(transactionId, out var suspended))
        {
            suspended.Timer.Dispose();
            // One line a transaction (the operator's view of `ims up`): what came in, what went out, how long it took.
            LogTransaction(_logger, _role, suspended.Summary, response.StatusCode, response.ReasonPhrase, _time.GetElapsedTime(suspended.Started).TotalMilliseconds);
        }

        if (!_transactions.SendResponse(Key(transactionId), response.StatusCode, bytes))
        {
            LogLate(_logger, transactionId);
        }
    }

    private void Forward(BusEnvelope envelope, ForwardSipRequest forward)
    {
        var parsed = SipMessage.Parse(forward.Message);
        if (parsed.Message is not { IsRequest: true } request)
        {
            LogBadCommand(_logger, forward.TransactionId, parsed.Reason);
            return;
        }

        if (!SipNextHop.TryResolve(forward.NextHop, _hosts, out var peer, out var error))
        {
            LogBadCommand(_logger, forward.TransactionId, error);
            return;
        }

        if (request.Method == "ACK")
        {
            new Sender(this).Send(forward.Message, peer);
            return;
        }

        if (_endedUndecided.TryRemove(forward.TransactionId, out var ended))
        {
            ended.Timer.Dispose();
            // The UE already has its final answer (487 after its CANCEL, RFC 3261 16.10; 504 at the
            // deadline), so the request is not sent on: a callee would ring for a caller who is gone. The
            // function hears that answer as its forward's response, so it can undo what it started for
            // the request (a PCRF or OCS session) in the usual way for a failed setup.
            new Relay(this, envelope, request).EndedBeforeDecision(ended.Status, ended.Reason);
            LogEndedBeforeDecision(_logger, forward.TransactionId, ended.Status);
            return;
        }

        try
        {
            _transactions.StartClient(SipTransactionSummary.Of(request), peer, new Relay(this, envelope, request), forward.ResponseTimeout);
            if (_suspended.TryGetValue(forward.TransactionId, out var decided))
            {
                // Decided: from here the client transaction's timers (B, F, C) bound the wait, not the
                // decision deadline; a callee may ring for longer than that (RFC 3261 16.6 step 11).
                decided.Timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            if (request.Method == "INVITE")
            {
                // Kept until the INVITE ends, so that a CANCEL can follow it (RFC 3261 16.10).
                _forwardedInvites[Key(forward.TransactionId)] = (request, peer);
            }
        }
        catch (InvalidOperationException ex)
        {
            LogBadCommand(_logger, forward.TransactionId, ex.Message);
        }
    }

    private void RespondStatelessly(SipMessage request, SipPeer to, int status, string reason, params (string Name, string Value)[] headers)
    {
        if (request.Method == "ACK" || request.TopVia is null)
        {
            return;
        }

        // The reason phrase names the fault (RFC 3261 21.4.1 lets a 400 say what was wrong).
        var builder = new SipResponseBuilder(request, status, reason.ReplaceLineEndings(" ")).WithToTag("edge");
        foreach (var (name, value) in headers)
        {
            builder.Add(name, value);
        }

        var response = builder.ToArray();
        new Sender(this).Send(response, to);
        LogRefused(_logger, status, to.ToString(), reason);
    }

    /// <summary>Relays what a forwarded request's client transaction hears back to the functions.</summary>
    /// <summary>A request of the role's own (a releasing BYE): a client transaction with no server transaction behind it.</summary>
    private void Originate(BusEnvelope envelope, SendSipRequest originate)
    {
        var parsed = SipMessage.Parse(originate.Message);
        if (parsed.Message is not { IsRequest: true } request)
        {
            LogBadCommand(_logger, envelope.Correlation, parsed.Reason ?? "not a request");
            return;
        }

        if (request.Method is "ACK" or "CANCEL" or "INVITE")
        {
            // An INVITE would need a dialog this edge does not keep; ACK and CANCEL belong to transactions.
            LogBadCommand(_logger, envelope.Correlation, $"{request.Method} cannot be originated");
            return;
        }

        if (!SipNextHop.TryResolve(originate.NextHop, _hosts, out var peer, out var error))
        {
            LogBadCommand(_logger, envelope.Correlation, error);
            return;
        }

        try
        {
            _transactions.StartClient(SipTransactionSummary.Of(request), peer, new Relay(this, envelope, request, reportOnlyWithContinuation: true));
        }
        catch (InvalidOperationException ex)
        {
            LogBadCommand(_logger, envelope.Correlation, ex.Message);
        }
    }

    private sealed class Relay(SipEdge edge, BusEnvelope forwardCommand, SipMessage request, bool reportOnlyWithContinuation = false) : IClientTransactionUser
    {
        public void OnResponse(SipTransactionMessage response) => Publish(response.Bytes.ToArray());

        public void OnTimeout() =>
            // RFC 3261 16.8: the proxy behaves as if a 408 had come back.
            Publish(new SipResponseBuilder(request, 408, "Request Timeout").WithToTag("edge").ToArray());

        /// <summary>
        /// The request's UE was answered before it left: reported as that answer (a cancelled branch ends
        /// with 487, RFC 3261 9.2; an undecided one with the edge's 504).
        /// </summary>
        public void EndedBeforeDecision(int status, string reason) =>
            Publish(new SipResponseBuilder(request, status, reason).WithToTag("edge").ToArray());

        public ReadOnlyMemory<byte> BuildAck(SipTransactionMessage finalResponse)
        {
            // RFC 3261 17.1.1.3: same Request-URI, Call-ID, From, CSeq number and top Via; To of the response; the request's Route.
            var response = SipMessage.Parse(finalResponse.Bytes).Message;
            return SameBranchRequest("ACK", request, response?.First(SipHeaderKind.To) ?? request.First(SipHeaderKind.To)!);
        }

        private void Publish(byte[] bytes)
        {
            if (reportOnlyWithContinuation && forwardCommand.Continuation is null)
            {
                // Nobody waits for the answer to a releasing BYE; the transaction still retransmits until it comes.
                return;
            }

            var message = new SipResponseReceived(edge._role, forwardCommand.Correlation, bytes);
            var envelope = edge._stamp.Envelope(forwardCommand.PartitionKey, forwardCommand.Correlation, message, forwardCommand.Continuation);
            _ = edge._bus.PublishAsync(envelope, CancellationToken.None).AsTask();
        }
    }

    /// <summary>The CANCEL this edge sends downstream: its answer ends it; the INVITE's 487 is what matters.</summary>
    private sealed class CancelUser : IClientTransactionUser
    {
        public void OnResponse(SipTransactionMessage response)
        {
        }

        public void OnTimeout()
        {
        }

        public ReadOnlyMemory<byte> BuildAck(SipTransactionMessage finalResponse) => ReadOnlyMemory<byte>.Empty;
    }

    private sealed class Sender(SipEdge edge) : ISipSender
    {
        public void Send(ReadOnlyMemory<byte> message, SipPeer peer)
        {
            var to = IPEndPoint.Parse(peer.Address);
            if (peer.Transport == SipTransport.Udp)
            {
                edge._udp.Send(message, to);
            }
            else
            {
                _ = edge._tcp.SendAsync(message, to, CancellationToken.None);
            }
        }
    }

    /// <summary>Option tags the core implements, for Proxy-Require (RFC 3261 16.3 step 5).</summary>
    private static readonly HashSet<string> SupportedExtensions = new(StringComparer.OrdinalIgnoreCase) { "path" };

    private sealed record SuspendedRequest(ITimer Timer, SipMessage Request, string Summary, long Started);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "{Role} {Request} -> {Status} {Reason} ({Milliseconds:F1} ms)")]
    private static partial void LogTransaction(ILogger logger, ImsRole role, string request, int status, string reason, double milliseconds);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "dropped a message from {From}: {Reason}")]
    private static partial void LogDropped(ILogger logger, string from, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "answered {Status} to {To}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, string to, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "{Transaction}: no decision before the deadline, answered 504")]
    private static partial void LogDeadline(ILogger logger, string transaction);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "{Transaction}: command not carried out: {Reason}")]
    private static partial void LogBadCommand(ILogger logger, string transaction, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "{Transaction}: response after the transaction ended; dropped")]
    private static partial void LogLate(ILogger logger, string transaction);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "{Transaction}: answered {Status} before its decision; the forward is not sent and the function hears that answer")]
    private static partial void LogEndedBeforeDecision(ILogger logger, string transaction, int status);
}
