using System.Net;
using System.Net.Sockets;
using Ims.Bus;
using Ims.Edge.Core;
using Ims.Edge.Hosting;
using Ims.Edge.Sip.Core;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ims.Edge.Tests.Sip;

/// <summary>
/// A SIP edge on 127.0.0.1 wired as `ims up` wires it: the in-process bus, the function host with
/// the test's function, and the command executor carrying out what the function decides.
/// </summary>
internal sealed class SipEdgeHarness : IAsyncDisposable
{
    public const string EdgeId = "edge-test";

    private SipEdgeHarness(InProcessBus bus, SipEdge edge)
    {
        Bus = bus;
        Edge = edge;
    }

    public InProcessBus Bus { get; }

    public SipEdge Edge { get; }

    /// <param name="deadline">The decision deadline (5 s unless given).</param>
    /// <param name="advertise">The address the edge names in what it reports (its bind address unless given).</param>
    public static async Task<SipEdgeHarness> StartAsync(IImsFunction function, TimeSpan? deadline = null, string? advertise = null)
    {
        var time = TimeProvider.System;
        var ids = new RandomEnvelopeIds();
        var bus = new InProcessBus();
        var stamp = new EnvelopeStamp(EdgeId, time, ids);
        var edge = new SipEdge(ImsRole.Pcscf, new IPEndPoint(IPAddress.Loopback, 0), bus, stamp, time, deadline ?? TimeSpan.FromSeconds(5), NullLogger.Instance, advertise: advertise);
        var host = new EmbeddedFunctionHost(new FunctionDispatcher([function], time, ids), bus, null, NullLogger.Instance);
        var executor = new CommandExecutor(bus, stamp, new SuspendedWork<byte[]>(time), new EdgeTimers(bus, stamp, time), null, NullLogger.Instance)
        {
            SipCommands = edge.ExecuteAsync,
        };
        bus.SubscribeEvents(host.ConsumeAsync);
        bus.SubscribeCommands(EdgeId, executor.ExecuteAsync);
        edge.Start();
        await Task.Yield();
        return new SipEdgeHarness(bus, edge);
    }

    /// <summary>The next datagram on <paramref name="socket"/>, as a SIP message, within 10 s.</summary>
    public static async Task<SipMessage> ReceiveAsync(UdpClient socket, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var datagram = await socket.ReceiveAsync(timeout.Token);
        // A 400 for a broken CSeq copies that CSeq (RFC 3261 8.2.6.2), so it is itself parsed-with-error.
        var parsed = SipMessage.Parse(datagram.Buffer);
        Assert.IsNotNull(parsed.Message, parsed.Reason);
        return parsed.Message;
    }

    public static int PortOf(UdpClient socket) => ((IPEndPoint)socket.Client.LocalEndPoint!).Port;

    public async ValueTask DisposeAsync()
    {
        await Edge.DisposeAsync();
        await Bus.DisposeAsync();
    }
}
