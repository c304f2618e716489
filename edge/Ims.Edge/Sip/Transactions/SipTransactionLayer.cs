using System.Collections.Concurrent;

namespace Ims.Edge.Sip.Transactions;

/// <summary>
/// RFC 3261 17 transactions for a stateful proxy, with RFC 6026's Accepted states. It absorbs
/// retransmissions, retransmits over UDP, and ends transactions by timers A–K (and L, M). It makes
/// no routing decision: new requests and responses go up to the core, which tells it what to send.
/// Time comes from the injected <see cref="TimeProvider"/>; every timer is a TimeProvider timer.
/// </summary>
/// <remarks>
/// <code>
///  transport ──request──▶ ReceiveRequest ──NewTransaction──▶ core (suspends, publishes an event)
///                                   ◀──SendResponse── core (command from the functions)
///  core ──StartClient──▶ send + timers A/B or E/F ──▶ next hop
///  transport ──response──▶ ReceiveResponse ──OnResponse──▶ core (relays upstream)
/// </code>
/// </remarks>
public sealed class SipTransactionLayer : IDisposable
{
    private readonly ISipSender _sender;
    private readonly TimeProvider _time;
    private readonly SipTimers _timers;
    private readonly ConcurrentDictionary<string, ServerTransaction> _servers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ClientTransaction> _clients = new(StringComparer.Ordinal);

    public SipTransactionLayer(ISipSender sender, TimeProvider time, SipTimers? timers = null)
    {
        _sender = sender ?? throw new ArgumentNullException(nameof(sender));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _timers = timers ?? new SipTimers();
    }

    /// <summary>A server transaction ended without the ACK it waited for (Timer H), or was ended by its timers.</summary>
    public event Action<string, string>? ServerTransactionEnded;

    public int ServerTransactionCount => _servers.Count;

    public int ClientTransactionCount => _clients.Count;

    public TransactionState? ServerState(string transactionId) =>
        _servers.TryGetValue(transactionId, out var t) ? t.State : null;

    public TransactionState? ClientState(string transactionId) =>
        _clients.TryGetValue(transactionId, out var t) ? t.State : null;

    /// <summary>RFC 3261 17.2.3: a server transaction is the top Via's branch and sent-by, and the method (ACK matches INVITE).</summary>
    public static string ServerKey(SipTransactionMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Branch}|{request.SentBy}|{(request.IsAck ? "INVITE" : request.Method)}";
    }

    /// <summary>RFC 3261 17.1.3: a client transaction is the top Via's branch and the CSeq method.</summary>
    public static string ClientKey(SipTransactionMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return $"{message.Branch}|{(message.IsAck ? "INVITE" : message.CSeqMethod)}";
    }

    public ServerRequestOutcome ReceiveRequest(SipTransactionMessage request, SipPeer from)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = ServerKey(request);
        if (request.IsAck)
        {
            if (_servers.TryGetValue(key, out var invite) && invite.OnAck())
            {
                return new(ServerRequestDisposition.AckAbsorbed, key);
            }

            return new(ServerRequestDisposition.StatelessAck, key);
        }

        var created = new ServerTransaction(this, key, request, from);
        var existing = _servers.GetOrAdd(key, created);
        if (!ReferenceEquals(existing, created))
        {
            existing.OnRetransmission();
            return new(ServerRequestDisposition.Retransmission, key);
        }

        created.Start();
        return new(ServerRequestDisposition.NewTransaction, key);
    }

    /// <summary>Sends a response on a server transaction; false when the transaction is gone (ended or unknown).</summary>
    public bool SendResponse(string transactionId, int statusCode, ReadOnlyMemory<byte> response)
    {
        ArgumentNullException.ThrowIfNull(transactionId);
        return _servers.TryGetValue(transactionId, out var transaction) && transaction.Respond(statusCode, response);
    }

    /// <summary>
    /// Starts a client transaction for a request the core forwards; its id is <see cref="ClientKey"/>.
    /// <paramref name="silence"/>, when given, replaces Timer B/F: how long the peer may stay silent
    /// before the transaction times out (a provisional response still stops it for INVITE, 17.1.1.2).
    /// </summary>
    public string StartClient(SipTransactionMessage request, SipPeer to, IClientTransactionUser user, TimeSpan? silence = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var key = ClientKey(request);
        var transaction = new ClientTransaction(this, key, request, to, user, silence ?? _timers.TransactionTimeout);
        if (!_clients.TryAdd(key, transaction))
        {
            throw new InvalidOperationException($"client transaction {key} exists: the branch must be unique");
        }

        transaction.Start();
        return key;
    }

    /// <summary>Hands a response to its client transaction; false when none matches (the core forwards it statelessly, RFC 3261 16.7).</summary>
    public bool ReceiveResponse(SipTransactionMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return _clients.TryGetValue(ClientKey(response), out var transaction) && transaction.OnResponse(response);
    }

    public void Dispose()
    {
        foreach (var transaction in _servers.Values)
        {
            transaction.Terminate(null);
        }

        foreach (var transaction in _clients.Values)
        {
            transaction.Terminate();
        }
    }

    private void Send(ReadOnlyMemory<byte> message, SipPeer peer) => _sender.Send(message, peer);

    private ITimer Timer(Action callback, TimeSpan due) =>
        _time.CreateTimer(static s => ((Action)s!)(), callback, due, Timeout.InfiniteTimeSpan);

    private void Remove(ServerTransaction transaction, string? reason)
    {
        if (_servers.TryRemove(new KeyValuePair<string, ServerTransaction>(transaction.Key, transaction)) && reason is not null)
        {
            ServerTransactionEnded?.Invoke(transaction.Key, reason);
        }
    }

    private void Remove(ClientTransaction transaction) =>
        _clients.TryRemove(new KeyValuePair<string, ClientTransaction>(transaction.Key, transaction));

    /// <summary>RFC 3261 17.2.1 (INVITE) and 17.2.2 (non-INVITE), RFC 6026 7.1.</summary>
    private sealed class ServerTransaction(SipTransactionLayer layer, string key, SipTransactionMessage request, SipPeer peer)
    {
        private readonly Lock _lock = new();
        private ReadOnlyMemory<byte> _lastResponse;
        private ITimer? _retransmit;
        private ITimer? _end;
        private TimeSpan _interval;

        public string Key { get; } = key;

        public TransactionState State { get; private set; }

        private bool IsInvite => request.IsInvite;

        public void Start()
        {
            lock (_lock)
            {
                State = IsInvite ? TransactionState.Proceeding : TransactionState.Trying;
            }
        }

        public void OnRetransmission()
        {
            lock (_lock)
            {
                // Resend the last response in Proceeding and Completed; a request retransmitted in
                // Trying (no response yet) or Accepted (the 2xx is the core's to retransmit) is absorbed.
                if (State is TransactionState.Proceeding or TransactionState.Completed && !_lastResponse.IsEmpty)
                {
                    layer.Send(_lastResponse, peer);
                }
            }
        }

        public bool OnAck()
        {
            lock (_lock)
            {
                if (State == TransactionState.Completed)
                {
                    // 17.2.1: ACK moves Completed to Confirmed; Timer I absorbs further ACKs.
                    State = TransactionState.Confirmed;
                    Cancel(ref _retransmit);
                    Cancel(ref _end);
                    _end = layer.Timer(() => Terminate(null), peer.IsReliable ? TimeSpan.Zero : layer._timers.T4);
                    return true;
                }

                return State == TransactionState.Confirmed;
            }
        }

        public bool Respond(int status, ReadOnlyMemory<byte> response)
        {
            lock (_lock)
            {
                if (State is TransactionState.Terminated or TransactionState.Completed or TransactionState.Confirmed)
                {
                    return false;
                }

                if (State == TransactionState.Accepted)
                {
                    // RFC 6026 7.1: further 2xx of an accepted INVITE are sent, not stored.
                    if (status is >= 200 and < 300)
                    {
                        layer.Send(response, peer);
                        return true;
                    }

                    return false;
                }

                _lastResponse = response;
                layer.Send(response, peer);
                if (status < 200)
                {
                    State = TransactionState.Proceeding;
                    return true;
                }

                var timeout = layer._timers.TransactionTimeout;
                if (IsInvite && status < 300)
                {
                    // RFC 6026 7.1: Accepted, Timer L.
                    State = TransactionState.Accepted;
                    _end = layer.Timer(() => Terminate(null), timeout);
                }
                else if (IsInvite)
                {
                    // 17.2.1: Completed; Timer G retransmits over UDP, Timer H gives up on the ACK.
                    State = TransactionState.Completed;
                    if (!peer.IsReliable)
                    {
                        _interval = layer._timers.T1;
                        _retransmit = layer.Timer(RetransmitResponse, _interval);
                    }

                    _end = layer.Timer(() => Terminate("no ACK for the final response (Timer H)"), timeout);
                }
                else
                {
                    // 17.2.2: Completed; Timer J absorbs request retransmissions.
                    State = TransactionState.Completed;
                    _end = layer.Timer(() => Terminate(null), peer.IsReliable ? TimeSpan.Zero : timeout);
                }

                return true;
            }
        }

        public void Terminate(string? reason)
        {
            lock (_lock)
            {
                State = TransactionState.Terminated;
                Cancel(ref _retransmit);
                Cancel(ref _end);
            }

            layer.Remove(this, reason);
        }

        private void RetransmitResponse()
        {
            lock (_lock)
            {
                if (State != TransactionState.Completed)
                {
                    return;
                }

                layer.Send(_lastResponse, peer);
                _interval = Min(_interval * 2, layer._timers.T2);
                _retransmit?.Dispose();
                _retransmit = layer.Timer(RetransmitResponse, _interval);
            }
        }
    }

    /// <summary>RFC 3261 17.1.1 (INVITE) and 17.1.2 (non-INVITE), RFC 6026 7.2.</summary>
    private sealed class ClientTransaction(SipTransactionLayer layer, string key, SipTransactionMessage request, SipPeer peer, IClientTransactionUser user, TimeSpan silence)
    {
        private readonly Lock _lock = new();
        private ITimer? _retransmit;
        private ITimer? _end;
        private TimeSpan _interval;
        private ReadOnlyMemory<byte> _ack;

        public string Key { get; } = key;

        public TransactionState State { get; private set; }

        private bool IsInvite => request.IsInvite;

        public void Start()
        {
            lock (_lock)
            {
                State = IsInvite ? TransactionState.Calling : TransactionState.Trying;
                layer.Send(request.Bytes, peer);
                if (!peer.IsReliable)
                {
                    // Timer A or E.
                    _interval = layer._timers.T1;
                    _retransmit = layer.Timer(RetransmitRequest, _interval);
                }

                // Timer B or F.
                _end = layer.Timer(TimedOut, silence);
            }
        }

        public bool OnResponse(SipTransactionMessage response)
        {
            var passUp = false;
            lock (_lock)
            {
                switch (State)
                {
                    case TransactionState.Calling or TransactionState.Trying or TransactionState.Proceeding:
                        passUp = true;
                        if (response.StatusCode < 200)
                        {
                            if (IsInvite)
                            {
                                // 17.1.1.2: a provisional response stops Timers A and B; a proxy then
                                // waits for the final response under Timer C, reset by every provisional
                                // (16.6 step 11, 16.7 step 2). Timer E keeps going at T2 for non-INVITE (17.1.2.2).
                                Cancel(ref _retransmit);
                                Cancel(ref _end);
                                _end = layer.Timer(TimedOut, layer._timers.TimerC);
                            }

                            State = TransactionState.Proceeding;
                        }
                        else if (IsInvite && response.StatusCode < 300)
                        {
                            // RFC 6026 7.2: Accepted, Timer M: later 2xx still go up (each is a dialog's to ACK).
                            State = TransactionState.Accepted;
                            Restart(layer._timers.TransactionTimeout);
                        }
                        else if (IsInvite)
                        {
                            // 17.1.1.3: the transaction ACKs a non-2xx final response itself; Timer D.
                            State = TransactionState.Completed;
                            _ack = user.BuildAck(response);
                            layer.Send(_ack, peer);
                            Restart(peer.IsReliable ? TimeSpan.Zero : layer._timers.TimerD);
                        }
                        else
                        {
                            // 17.1.2.2: Completed, Timer K.
                            State = TransactionState.Completed;
                            Restart(peer.IsReliable ? TimeSpan.Zero : layer._timers.T4);
                        }

                        break;
                    case TransactionState.Accepted:
                        passUp = response.StatusCode is >= 200 and < 300;
                        break;
                    case TransactionState.Completed when IsInvite:
                        // A retransmitted final response gets the ACK again and is not passed up.
                        layer.Send(_ack, peer);
                        break;
                }
            }

            if (passUp)
            {
                user.OnResponse(response);
            }

            return true;
        }

        public void Terminate()
        {
            lock (_lock)
            {
                State = TransactionState.Terminated;
                Cancel(ref _retransmit);
                Cancel(ref _end);
            }

            layer.Remove(this);
        }

        private void Restart(TimeSpan endAfter)
        {
            Cancel(ref _retransmit);
            Cancel(ref _end);
            _end = layer.Timer(Terminate, endAfter);
        }

        private void RetransmitRequest()
        {
            lock (_lock)
            {
                if (State is not (TransactionState.Calling or TransactionState.Trying or TransactionState.Proceeding))
                {
                    return;
                }

                layer.Send(request.Bytes, peer);
                // Timer A doubles without bound; Timer E doubles up to T2, and stays at T2 in Proceeding.
                _interval = IsInvite ? _interval * 2
                    : State == TransactionState.Proceeding ? layer._timers.T2
                    : Min(_interval * 2, layer._timers.T2);
                _retransmit?.Dispose();
                _retransmit = layer.Timer(RetransmitRequest, _interval);
            }
        }

        private void TimedOut()
        {
            bool report;
            lock (_lock)
            {
                report = State is TransactionState.Calling or TransactionState.Trying or TransactionState.Proceeding;
            }

            Terminate();
            if (report)
            {
                user.OnTimeout();
            }
        }
    }

    private static void Cancel(ref ITimer? timer)
    {
        timer?.Dispose();
        timer = null;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
