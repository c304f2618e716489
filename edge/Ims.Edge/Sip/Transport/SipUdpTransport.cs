using System.Net;
using System.Net.Sockets;
using Ims.Edge.Sip.Transactions;
using Ims.Events;

namespace Ims.Edge.Sip.Transport;

/// <summary>
/// SIP over UDP on one address and port: each datagram is one message (RFC 3261 18.3). Receiving
/// never blocks on the core: the callback queues the message and returns.
/// </summary>
public sealed class SipUdpTransport : IAsyncDisposable
{
    private const int MaxDatagram = 65_535;
    private readonly Socket _socket;
    private readonly SipMessageReceived _received;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public SipUdpTransport(IPEndPoint bind, SipMessageReceived received, string? advertise = null)
    {
        ArgumentNullException.ThrowIfNull(bind);
        _received = received ?? throw new ArgumentNullException(nameof(received));
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(bind);
        Local = (IPEndPoint)_socket.LocalEndPoint!;
        SentBy = SipSentBy.Of(Local, advertise);
    }

    public IPEndPoint Local { get; }

    /// <summary>This listener's address as messages name it; what each received message reports as its local address.</summary>
    public string SentBy { get; }

    public void Start() => _loop = Task.Run(ReceiveLoopAsync);

    public void Send(ReadOnlyMemory<byte> message, IPEndPoint to)
    {
        try
        {
            _socket.SendTo(message.Span, SocketFlags.None, to);
        }
        catch (SocketException)
        {
            // UDP is best effort: an ICMP error from an earlier datagram or an unreachable peer is
            // handled by the transaction timers, never by throwing into the core.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[MaxDatagram];
        EndPoint any = new IPEndPoint(Local.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                // ICMP port unreachable for an earlier send surfaces here on some stacks: keep listening.
                continue;
            }

            if (result.ReceivedBytes == 0)
            {
                continue;
            }

            var message = buffer.AsSpan(0, result.ReceivedBytes).ToArray();
            var from = (IPEndPoint)result.RemoteEndPoint;
            _received(message, new SipPeer(from.ToString(), SipTransport.Udp), SentBy);
        }
    }
}
