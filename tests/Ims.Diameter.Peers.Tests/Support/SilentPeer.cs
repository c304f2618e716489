using System.Net;
using System.Net.Sockets;
using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Values;

namespace Ims.Diameter.Peers.Tests.Support;

/// <summary>A peer that answers the first CER and then reads and ignores everything: it never answers a DWR.</summary>
internal sealed class SilentPeer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private SilentPeer(Socket listener, string identity)
    {
        _listener = listener;
        _loop = Task.Run(() => RunAsync(identity));
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    public static Task<SilentPeer> StartAsync(string identity)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        return Task.FromResult(new SilentPeer(listener, identity));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
    }

    private async Task RunAsync(string identity)
    {
        try
        {
            using var socket = await _listener.AcceptAsync(_stop.Token);
            var buffer = new byte[65536];
            var count = 0;
            var answered = false;
            while (!_stop.IsCancellationRequested)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(count), _stop.Token);
                if (read == 0)
                {
                    return;
                }

                count += read;
                while (DiameterFraming.TryGetMessageLength(buffer.AsSpan(0, count), out var length) == DiameterFramingStatus.Complete)
                {
                    var cer = DiameterDecoder.Decode(buffer.AsSpan(0, length)).Message!;
                    if (!answered)
                    {
                        var cea = DiameterMessageBuilder.Answer(cer).AddResultCode(DiameterResultCode.Success)
                            .Add(Avps.OriginHost, identity).Add(Avps.OriginRealm, "ims.test")
                            .Add(Avps.HostIpAddress, DiameterAddress.Ipv4(127, 0, 0, 1)).Add(Avps.VendorId, 0u).Add(Avps.ProductName, "silent")
                            .Add(Avps.AuthApplicationId, DiameterApplicationId.Relay.Value).Build();
                        await socket.SendAsync(DiameterEncoder.Encode(cea), _stop.Token);
                        answered = true;
                    }

                    Buffer.BlockCopy(buffer, length, buffer, 0, count - length);
                    count -= length;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
