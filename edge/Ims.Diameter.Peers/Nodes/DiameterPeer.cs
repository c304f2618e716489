using Ims.Diameter.Answers;
using Ims.Diameter.Codec;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Capabilities;
using Ims.Diameter.Peers.Connections;
using Ims.Diameter.Peers.Requests;
using Ims.Diameter.Validation;
using Ims.Diameter.Values;

namespace Ims.Diameter.Peers.Nodes;

/// <summary>
/// One open peer connection after CER/CEA (RFC 6733 5.6 state I-Open / R-Open): answers DWR and
/// DPR, runs the RFC 3539 watchdog, hands application requests to the node's handler and answers
/// to the pending table.
/// </summary>
internal sealed class DiameterPeer
{
    private readonly DiameterNode _node;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _disconnectAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private long _lastReceived;
    private long _watchdogSentAt;
    private int _closing;

    public DiameterPeer(DiameterNode node, PeerConnection connection, PeerCapabilities capabilities)
    {
        _node = node;
        Connection = connection;
        Capabilities = capabilities;
        _lastReceived = node.Time.GetTimestamp();
    }

    public PeerConnection Connection { get; }

    public PeerCapabilities Capabilities { get; }

    public string Identity => Capabilities.OriginHost;

    public Task Closed => _closed.Task;

    /// <summary>Set when the peer said, with DPR, why it left (RFC 6733 5.4.3).</summary>
    public DisconnectCause? RemoteDisconnectCause { get; private set; }

    public void Start()
    {
        _ = Task.Run(ReadLoopAsync);
        _ = Task.Run(WatchdogLoopAsync);
    }

    /// <summary>RFC 6733 5.4: DPR, wait for DPA (bounded), then close.</summary>
    public async Task DisconnectAsync(DisconnectCause cause)
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return;
        }

        var dpr = CapabilitiesExchange.Dpr(_node.Options, _node.NextHopByHop(), _node.NextEndToEnd(), cause);
        if (await Connection.SendAsync(dpr, CancellationToken.None).ConfigureAwait(false))
        {
            await Task.WhenAny(_disconnectAnswered.Task, Task.Delay(_node.Options.HandshakeTimeout, _node.Time)).ConfigureAwait(false);
        }

        await CloseAsync("disconnected by us").ConfigureAwait(false);
    }

    public async Task CloseAsync(string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            await _closed.Task.ConfigureAwait(false);
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        _node.OnPeerClosed(this, reason);
        _closed.TrySetResult();
    }

    private async Task ReadLoopAsync()
    {
        var reason = "connection closed by peer";
        while (!_stop.IsCancellationRequested)
        {
            DiameterDecodeResult? result;
            try
            {
                result = await Connection.ReadAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (result is not { } decoded)
            {
                break;
            }

            Volatile.Write(ref _lastReceived, _node.Time.GetTimestamp());
            if (!decoded.IsSuccess)
            {
                // RFC 6733 7.2: a request we cannot read still gets an answer when its header can be read.
                if (DiameterErrorAnswer.Create(decoded.Error, _node.Options.OriginHost, _node.Options.OriginRealm) is { } errorAnswer)
                {
                    await Connection.SendAsync(errorAnswer, CancellationToken.None).ConfigureAwait(false);
                }

                continue;
            }

            if (await DispatchAsync(decoded.Message).ConfigureAwait(false) is { } stopReason)
            {
                reason = stopReason;
                break;
            }
        }

        await CloseAsync(reason).ConfigureAwait(false);
    }

    /// <summary>Handles one message; returns a reason when the connection must end.</summary>
    private async Task<string?> DispatchAsync(DiameterMessage message)
    {
        var options = _node.Options;
        if (!message.IsRequest)
        {
            switch (message.CommandCode)
            {
                case 280:
                    Volatile.Write(ref _watchdogSentAt, 0);
                    _node.Record(Identity, DiameterPeerEventKind.WatchdogAnswerReceived);
                    break;
                case 282:
                    _node.Record(Identity, DiameterPeerEventKind.DisconnectAnswerReceived);
                    _disconnectAnswered.TrySetResult(true);
                    break;
                default:
                    _node.Pending.Complete(message, Connection);
                    break;
            }

            return null;
        }

        switch (message.CommandCode)
        {
            case 280:
                _node.Record(Identity, DiameterPeerEventKind.WatchdogRequestReceived);
                await Connection.SendAsync(CapabilitiesExchange.SimpleAnswer(options, message, DiameterResultCode.Success), CancellationToken.None).ConfigureAwait(false);
                return null;
            case 282:
                RemoteDisconnectCause = message.GetUnsigned32(Dictionary.Avps.DisconnectCause) is { } cause ? (DisconnectCause)cause : DisconnectCause.Rebooting;
                _node.Record(Identity, DiameterPeerEventKind.DisconnectRequestReceived, RemoteDisconnectCause.ToString()!);
                await Connection.SendAsync(CapabilitiesExchange.SimpleAnswer(options, message, DiameterResultCode.Success), CancellationToken.None).ConfigureAwait(false);
                return "peer sent DPR";
            case 257:
                // RFC 6733 5.6: a CER on an open connection is an error of the peer's state machine.
                await Connection.SendAsync(CapabilitiesExchange.Cea(options, message, DiameterResultCode.UnableToComply), CancellationToken.None).ConfigureAwait(false);
                return null;
        }

        if (DiameterRequestValidator.Validate(message) is { } invalid)
        {
            var answer = DiameterErrorAnswer.Create(invalid, options.OriginHost, options.OriginRealm);
            if (answer is not null)
            {
                await Connection.SendAsync(answer, CancellationToken.None).ConfigureAwait(false);
            }

            return null;
        }

        // Handlers may take long (they wait for the bus); the read loop must not.
        _ = Task.Run(() => AnswerAsync(message));
        return null;
    }

    private async Task AnswerAsync(DiameterMessage request)
    {
        DiameterMessage answer;
        try
        {
            answer = await _node.Handler(request, Capabilities, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // RFC 6733 7.1.5: a handler fault becomes DIAMETER_UNABLE_TO_COMPLY, never a silent drop.
            answer = Building.DiameterMessageBuilder.Answer(request)
                .Add(Dictionary.Avps.OriginHost, _node.Options.OriginHost)
                .Add(Dictionary.Avps.OriginRealm, _node.Options.OriginRealm)
                .AddResultCode(DiameterResultCode.UnableToComply)
                .Build();
        }

        await Connection.SendAsync(answer, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>RFC 3539 3.4: after Tw without traffic send DWR; a DWR unanswered for Tw means the peer is gone.</summary>
    private async Task WatchdogLoopAsync()
    {
        var tw = _node.Options.WatchdogInterval;
        var tick = TimeSpan.FromTicks(Math.Max(tw.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks));
        using var timer = new PeriodicTimer(tick, _node.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                var now = _node.Time.GetTimestamp();
                var sentAt = Volatile.Read(ref _watchdogSentAt);
                if (sentAt != 0)
                {
                    if (_node.Time.GetElapsedTime(sentAt, now) >= tw)
                    {
                        _node.Record(Identity, DiameterPeerEventKind.WatchdogExpired);
                        await CloseAsync("watchdog expired").ConfigureAwait(false);
                        return;
                    }
                }
                else if (_node.Time.GetElapsedTime(Volatile.Read(ref _lastReceived), now) >= tw)
                {
                    Volatile.Write(ref _watchdogSentAt, now);
                    await Connection.SendAsync(CapabilitiesExchange.Dwr(_node.Options, _node.NextHopByHop(), _node.NextEndToEnd()), CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closing.
        }
    }
}
