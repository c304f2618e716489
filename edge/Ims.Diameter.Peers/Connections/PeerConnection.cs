using System.Buffers;
using System.Net.Sockets;
using Ims.Diameter.Codec;
using Ims.Diameter.Messages;

namespace Ims.Diameter.Peers.Connections;

/// <summary>
/// One TCP connection carrying Diameter (RFC 6733 2.1): cuts the byte stream into messages with
/// <see cref="DiameterFraming"/> and serialises writes. Knows nothing of peer state.
/// </summary>
internal sealed class PeerConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly int _maxMessageLength;
    private byte[] _buffer = new byte[8192];
    private int _count;
    private int _disposed;

    public PeerConnection(Socket socket, bool isInitiator, int maxMessageLength)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        IsInitiator = isInitiator;
        _maxMessageLength = maxMessageLength;
        RemoteEndPoint = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    public bool IsInitiator { get; }

    public string RemoteEndPoint { get; }

    /// <summary>The next message, a decode error for a message that was framed but not decodable, or null when the stream ended or lost framing.</summary>
    public async ValueTask<DiameterDecodeResult?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = DiameterFraming.TryGetMessageLength(_buffer.AsSpan(0, _count), out var length, _maxMessageLength);
            if (status == DiameterFramingStatus.Invalid)
            {
                return null;
            }

            if (status == DiameterFramingStatus.Complete)
            {
                var result = DiameterDecoder.Decode(_buffer.AsSpan(0, length));
                _count -= length;
                Buffer.BlockCopy(_buffer, length, _buffer, 0, _count);
                return result;
            }

            if (length > _buffer.Length)
            {
                Array.Resize(ref _buffer, length);
            }

            int read;
            try
            {
                read = await _stream.ReadAsync(_buffer.AsMemory(_count), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _count += read;
        }
    }

    /// <summary>Writes one message; false when the connection is gone.</summary>
    public async ValueTask<bool> SendAsync(DiameterMessage message, CancellationToken cancellationToken)
    {
        var writer = new ArrayBufferWriter<byte>(DiameterEncoder.GetEncodedLength(message));
        DiameterEncoder.Encode(message, writer);
        try
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        try
        {
            await _stream.WriteAsync(writer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Already reset by the other side.
            }

            _stream.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
