using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Ims.Diameter.Codec;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Capabilities;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Connections;
using Ims.Diameter.Peers.Requests;
using Ims.Diameter.Peers.Routing;
using Ims.Diameter.Values;

namespace Ims.Diameter.Peers.Nodes;

/// <summary>
/// A Diameter node of the edge: accepts and opens TCP connections, runs CER/CEA with election
/// (RFC 6733 5.3, 5.6.4), keeps configured peers connected (RFC 6733 2.1, RFC 3539), routes
/// requests (RFC 6733 6.1) and matches answers to them.
/// <code>
///  caller ── SendRequestAsync ──▶ route ──▶ pending[hbh] ──▶ peer connection ──▶ wire
///     ▲                                         │
///     └── outcome: answer | timeout | peer failure | no route (always a value, always bounded)
/// </code>
/// </summary>
public sealed class DiameterNode : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DiameterPeer> _open = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CancellationTokenSource> _initiating = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<DiameterPeerEvent> _events = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private Socket? _listener;
    private int _hopByHop;
    private int _endToEnd;

    public DiameterNode(DiameterNodeOptions options, DiameterRequestHandler handler, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        Options = options;
        Handler = handler;
        Time = time ?? TimeProvider.System;
        // RFC 6733 3: end-to-end ids start from the low 12 bits of the clock in the high bits, so a
        // restart does not reuse recent ids; hop-by-hop ids only need to be unique per connection.
        _endToEnd = (int)((Time.GetUtcNow().ToUnixTimeSeconds() & 0xFFF) << 20);
        _hopByHop = (int)(Time.GetTimestamp() & 0x7FFFFFFF);
    }

    public DiameterNodeOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>The bound listening endpoint once started (useful with port 0).</summary>
    public IPEndPoint? LocalEndPoint => _listener?.LocalEndPoint as IPEndPoint;

    public IReadOnlyCollection<DiameterPeerEvent> Events => _events.ToArray();

    public IReadOnlyList<PeerCapabilities> OpenPeers
    {
        get
        {
            lock (_gate)
            {
                return [.. _open.Values.Select(p => p.Capabilities)];
            }
        }
    }

    internal DiameterRequestHandler Handler { get; }

    internal PendingRequestTable Pending { get; } = new();

    public Task StartAsync()
    {
        if (Options.ListenOn is { } endpoint)
        {
            _listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            _listener.Bind(endpoint);
            _listener.Listen(16);
            _loops.Add(Task.Run(AcceptLoopAsync));
        }

        foreach (var peer in Options.Peers)
        {
            _loops.Add(Task.Run(() => ConnectLoopAsync(peer)));
        }

        return Task.CompletedTask;
    }

    /// <summary>True once a peer with this identity is open, false when the time runs out.</summary>
    public async Task<bool> WaitForPeerAsync(string identity, TimeSpan timeout)
    {
        var deadline = Time.GetTimestamp();
        while (Time.GetElapsedTime(deadline) < timeout)
        {
            lock (_gate)
            {
                if (_open.ContainsKey(identity))
                {
                    return true;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), Time).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>
    /// Sends a request and completes with its outcome: the answer, or a timeout, peer failure or no
    /// route as a value. The node sets the hop-by-hop id, and the end-to-end id when it is 0.
    /// </summary>
    public async Task<DiameterRequestOutcome> SendRequestAsync(DiameterMessage request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsRequest)
        {
            throw new ArgumentException("only requests are routed", nameof(request));
        }

        var endToEnd = request.Header.EndToEndId != 0 ? request.Header.EndToEndId : NextEndToEnd();
        var hopByHop = NextHopByHop();
        var message = new DiameterMessage(request.Header with { HopByHopId = hopByHop, EndToEndId = endToEnd }, request.Avps);
        DiameterPeer? peer;
        lock (_gate)
        {
            peer = PeerRouter.Select([.. _open.Values], message, p => p.Capabilities);
        }

        if (peer is null)
        {
            return DiameterRequestOutcome.Failed(DiameterRequestOutcomeKind.NoRoute, null, "no open peer serves the destination and application (DIAMETER_UNABLE_TO_DELIVER)");
        }

        var outcome = Pending.Add(hopByHop, peer.Connection, peer.Identity);
        if (!await peer.Connection.SendAsync(message, cancellationToken).ConfigureAwait(false))
        {
            Pending.Fail(hopByHop, DiameterRequestOutcomeKind.PeerFailed, "could not write to the peer");
            return await outcome.ConfigureAwait(false);
        }

        try
        {
            var finished = await Task.WhenAny(outcome, Task.Delay(timeout ?? Options.RequestTimeout, Time, cancellationToken)).ConfigureAwait(false);
            if (finished != outcome)
            {
                Pending.Fail(hopByHop, DiameterRequestOutcomeKind.TimedOut, "no answer in time");
            }
        }
        catch (OperationCanceledException)
        {
            Pending.Fail(hopByHop, DiameterRequestOutcomeKind.Cancelled, "cancelled by the caller");
        }

        return await outcome.ConfigureAwait(false);
    }

    /// <summary>RFC 6733 5.4: DPR to every open peer (cause REBOOTING), wait for DPA (bounded), close everything.</summary>
    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        List<DiameterPeer> peers;
        lock (_gate)
        {
            peers = [.. _open.Values];
            foreach (var attempt in _initiating.Values)
            {
                attempt.Cancel();
            }
        }

        await Task.WhenAll(peers.Select(p => p.DisconnectAsync(DisconnectCause.Rebooting))).ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(_loops), Task.Delay(Options.HandshakeTimeout, Time)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    internal uint NextHopByHop() => unchecked((uint)Interlocked.Increment(ref _hopByHop));

    internal uint NextEndToEnd() => unchecked((uint)Interlocked.Increment(ref _endToEnd));

    internal void Record(string peer, DiameterPeerEventKind kind, string detail = "") =>
        _events.Enqueue(new DiameterPeerEvent(Time.GetUtcNow(), peer, kind, detail));

    internal void OnPeerClosed(DiameterPeer peer, string reason)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(peer.Identity, out var current) && ReferenceEquals(current, peer))
            {
                _open.Remove(peer.Identity);
            }
        }

        // RFC 3539 3.4.1: requests outstanding on a failed connection are not left hanging.
        Pending.FailConnection(peer.Connection, $"connection to {peer.Identity} closed: {reason}");
        Record(peer.Identity, DiameterPeerEventKind.Closed, reason);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => RespondAsync(new PeerConnection(socket, isInitiator: false, Options.MaxMessageLength)));
        }
    }

    /// <summary>Responder side of RFC 6733 5.3 with the election of 5.6.4.</summary>
    private async Task RespondAsync(PeerConnection connection)
    {
        using var timeout = new CancellationTokenSource(Options.HandshakeTimeout, Time);
        DiameterDecodeResult? first;
        try
        {
            first = await connection.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            first = null;
        }

        if (first is not { IsSuccess: true } decoded || !decoded.Message.IsRequest || decoded.Message.CommandCode != 257
            || PeerCapabilities.From(decoded.Message) is not { } remote)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            return;
        }

        var cer = decoded.Message;
        if (!HasCommonApplication(remote))
        {
            Record(remote.OriginHost, DiameterPeerEventKind.CapabilitiesRejected, "no common application");
            await connection.SendAsync(CapabilitiesExchange.Cea(Options, cer, DiameterResultCode.NoCommonApplication), CancellationToken.None).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            return;
        }

        DiameterPeer? peer = null;
        lock (_gate)
        {
            var connected = _open.ContainsKey(remote.OriginHost);
            var initiating = _initiating.TryGetValue(remote.OriginHost, out var attempt);
            // RFC 6733 5.6.4: with connections both ways, the higher Origin-Host wins and keeps the
            // connection it accepted; the loser keeps the one it initiated.
            var win = !connected && (!initiating || string.CompareOrdinal(Options.OriginHost, remote.OriginHost) > 0);
            if (win)
            {
                if (initiating)
                {
                    attempt!.Cancel();
                    Record(remote.OriginHost, DiameterPeerEventKind.ElectionWon);
                }

                peer = new DiameterPeer(this, connection, remote);
                _open[remote.OriginHost] = peer;
            }
        }

        if (peer is null)
        {
            Record(remote.OriginHost, DiameterPeerEventKind.ElectionLost);
            await connection.SendAsync(CapabilitiesExchange.Cea(Options, cer, DiameterResultCode.ElectionLost), CancellationToken.None).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            return;
        }

        await connection.SendAsync(CapabilitiesExchange.Cea(Options, cer, DiameterResultCode.Success), CancellationToken.None).ConfigureAwait(false);
        Record(remote.OriginHost, DiameterPeerEventKind.Opened, "responder");
        peer.Start();
    }

    /// <summary>Keeps one configured peer connected: connect, CER/CEA, wait for the connection to end, wait Tc, again.</summary>
    private async Task ConnectLoopAsync(DiameterPeerEndpoint endpoint)
    {
        while (!_stopping.IsCancellationRequested)
        {
            var peer = await TryInitiateAsync(endpoint).ConfigureAwait(false);
            if (peer is null)
            {
                lock (_gate)
                {
                    _open.TryGetValue(endpoint.Identity, out peer);
                }
            }

            if (peer is not null)
            {
                await peer.Closed.ConfigureAwait(false);
                if (peer.RemoteDisconnectCause == DisconnectCause.DoNotWantToTalkToYou)
                {
                    return;
                }
            }

            try
            {
                await Task.Delay(Options.ReconnectInterval, Time, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<DiameterPeer?> TryInitiateAsync(DiameterPeerEndpoint endpoint)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        attempt.CancelAfter(Options.HandshakeTimeout);
        lock (_gate)
        {
            if (_open.ContainsKey(endpoint.Identity))
            {
                return null;
            }

            _initiating[endpoint.Identity] = attempt;
        }

        PeerConnection? connection = null;
        try
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(endpoint.Host, endpoint.Port, attempt.Token).ConfigureAwait(false);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            connection = new PeerConnection(socket, isInitiator: true, Options.MaxMessageLength);
            if (!await connection.SendAsync(CapabilitiesExchange.Cer(Options, NextHopByHop(), NextEndToEnd()), attempt.Token).ConfigureAwait(false))
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            var answer = await connection.ReadAsync(attempt.Token).ConfigureAwait(false);
            if (answer is not { IsSuccess: true } decoded || decoded.Message.IsRequest || decoded.Message.CommandCode != 257
                || decoded.Message.GetUnsigned32(Dictionary.Avps.ResultCode) != DiameterResultCode.Success.Value
                || PeerCapabilities.From(decoded.Message) is not { } remote)
            {
                var code = answer is { IsSuccess: true } a ? a.Message.GetUnsigned32(Dictionary.Avps.ResultCode) : null;
                Record(endpoint.Identity, code == DiameterResultCode.ElectionLost.Value ? DiameterPeerEventKind.ElectionLost : DiameterPeerEventKind.CapabilitiesRejected, $"CEA result {code}");
                await connection.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            DiameterPeer? peer = null;
            lock (_gate)
            {
                if (!attempt.IsCancellationRequested && !_open.ContainsKey(remote.OriginHost))
                {
                    peer = new DiameterPeer(this, connection, remote);
                    _open[remote.OriginHost] = peer;
                }
            }

            if (peer is null)
            {
                // Lost the election to the connection the peer opened to us, or stopping.
                await connection.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            Record(remote.OriginHost, DiameterPeerEventKind.Opened, "initiator");
            peer.Start();
            return peer;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            return null;
        }
        finally
        {
            lock (_gate)
            {
                if (_initiating.TryGetValue(endpoint.Identity, out var current) && ReferenceEquals(current, attempt))
                {
                    _initiating.Remove(endpoint.Identity);
                }
            }
        }
    }

    // RFC 6733 5.3: without a common application (or a relay on either side) the CER is refused.
    private bool HasCommonApplication(PeerCapabilities remote)
    {
        var ours = Options.ApplicationIds.ToHashSet();
        return !Options.RequireCommonApplication || remote.IsRelay || ours.Contains(DiameterApplicationId.Relay.Value) || ours.Overlaps(remote.ApplicationIds);
    }
}
