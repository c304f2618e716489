using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Ims.Edge.Sip.Transactions;
using Ims.Events;

namespace Ims.Edge.Sip.Transport;

/// <summary>
/// SIP over TCP on one address and port. Messages are framed by Content-Length (RFC 3261 18.3);
/// responses go back over the connection the request came in on (18.2.2), and requests to a peer
/// reuse an open connection or make one. A stream that cannot be framed is closed.
/// </summary>
public sealed class SipTcpTransport : IAsyncDisposable
{
    private const int MaxBuffered = 128 * 1024;
    private readonly TcpListener _listener;
    private readonly SipStreamFramer _framer;
    private readonly SipMessageReceived _received;
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task? _accept;

    public SipTcpTransport(IPEndPoint bind, SipStreamFramer framer, SipMessageReceived received, string? advertise = null)
    {
        ArgumentNullException.ThrowIfNull(bind);
        _framer = framer ?? throw new ArgumentNullException(nameof(framer));
        _received = received ?? throw new ArgumentNullException(nameof(received));
        _listener = new TcpListener(bind);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Local = (IPEndPoint)_listener.LocalEndpoint;
        SentBy = SipSentBy.Of(Local, advertise);
    }

    public IPEndPoint Local { get; }

    /// <summary>This listener's address as messages name it; what each received message reports as its local address.</summary>
    public string SentBy { get; }

    public int ConnectionCount => _connections.Count;

    public void Start() => _accept = Task.Run(AcceptLoopAsync);

    /// <summary>Sends on the connection to <paramref name="to"/>, opening one if there is none.</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> message, IPEndPoint to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        var key = to.ToString();
        if (!_connections.TryGetValue(key, out var connection))
        {
            var client = new TcpClient(to.AddressFamily);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await client.ConnectAsync(to, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                client.Dispose();
                return false;
            }

            connection = Track(client);
        }

        return await connection.SendAsync(message).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        foreach (var connection in _connections.Values)
        {
            connection.Close();
        }

        if (_accept is not null)
        {
            await _accept.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                break;
            }

            Track(client);
        }
    }

    private Connection Track(TcpClient client)
    {
        client.NoDelay = true;
        var connection = new Connection(this, client);
        _connections[connection.Remote] = connection;
        _ = Task.Run(connection.ReadLoopAsync);
        return connection;
    }

    private sealed class Connection(SipTcpTransport transport, TcpClient client)
    {
        private readonly NetworkStream _stream = client.GetStream();
        private readonly SemaphoreSlim _writeLock = new(1, 1);

        public string Remote { get; } = client.Client.RemoteEndPoint!.ToString()!;

        public async Task<bool> SendAsync(ReadOnlyMemory<byte> message)
        {
            await _writeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(message).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
            {
                Close();
                return false;
            }
            finally
            {
                _writeLock.Release();
            }
        }

        public void Close()
        {
            transport._connections.TryRemove(new KeyValuePair<string, Connection>(Remote, this));
            client.Dispose();
        }

        public async Task ReadLoopAsync()
        {
            var buffer = new byte[16 * 1024];
            var filled = 0;
            var peer = new SipPeer(Remote, SipTransport.Tcp);
            var local = transport.SentBy;
            try
            {
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        if (buffer.Length >= MaxBuffered)
                        {
                            // A message larger than any we accept: framing is lost, close (RFC 3261 18.3).
                            break;
                        }

                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    var read = await _stream.ReadAsync(buffer.AsMemory(filled), transport._stop.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    filled += read;
                    var consumed = 0;
                    while (consumed < filled)
                    {
                        var frame = transport._framer(buffer.AsSpan(consumed, filled - consumed));
                        if (frame.Error is not null)
                        {
                            Close();
                            return;
                        }

                        consumed += frame.Skip;
                        if (frame.Length == 0)
                        {
                            break;
                        }

                        transport._received(buffer.AsSpan(consumed, frame.Length).ToArray(), peer, local);
                        consumed += frame.Length;
                    }

                    if (consumed > 0)
                    {
                        Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                        filled -= consumed;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The peer went away or we are stopping.
            }

            Close();
        }
    }
}
