using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Ims.Edge.Sip.Transactions;
using Ims.Edge.Sip.Transport;

namespace Ims.Edge.Tests.Sip;

/// <summary>The transports on loopback with real sockets; framing is a minimal Content-Length reader here.</summary>
[TestClass]
public sealed class SipTransportTests
{
    private static readonly IPEndPoint AnyLoopbackPort = new(IPAddress.Loopback, 0);

    public TestContext TestContext { get; set; } = null!;

    // Head up to the blank line, then Content-Length bytes; leading CRLFs are keep-alives.
    private static SipFrame TestFramer(ReadOnlySpan<byte> buffer)
    {
        var skip = 0;
        while (skip < buffer.Length && (buffer[skip] == '\r' || buffer[skip] == '\n'))
        {
            skip++;
        }

        var text = Encoding.ASCII.GetString(buffer[skip..]);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return SipFrame.NeedMore(skip);
        }

        var line = text[..end].Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (line is null || !int.TryParse(line["Content-Length:".Length..].Trim(), out var length) || length < 0)
        {
            return SipFrame.Broken("no usable Content-Length");
        }

        var total = end + 4 + length;
        return total <= buffer.Length - skip ? SipFrame.Message(skip, total) : SipFrame.NeedMore(skip);
    }

    private static string Message(string body) => $"MESSAGE sip:a@b SIP/2.0\r\nContent-Length: {body.Length}\r\n\r\n{body}";

    private async Task<List<string>> WaitFor(ConcurrentQueue<string> received, int count)
    {
        for (var i = 0; i < 200 && received.Count < count; i++)
        {
            await Task.Delay(25, TestContext.CancellationToken);
        }

        return [.. received];
    }

    [TestMethod]
    public async Task UdpDatagramsArriveWholeWithTheirSourceAndRepliesReachTheSender()
    {
        var received = new ConcurrentQueue<string>();
        SipPeer? from = null;
        await using var transport = new SipUdpTransport(AnyLoopbackPort, (m, p, _) => { from = p; received.Enqueue(Encoding.ASCII.GetString(m)); });
        transport.Start();
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        await client.SendAsync(Encoding.ASCII.GetBytes(Message("hello")), transport.Local, TestContext.CancellationToken);
        var messages = await WaitFor(received, 1);
        transport.Send(Encoding.ASCII.GetBytes("SIP/2.0 200 OK\r\n\r\n"), IPEndPoint.Parse(from!.Value.Address));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var reply = await client.ReceiveAsync(timeout.Token);

        Assert.AreEqual(Message("hello"), messages.Single());
        Assert.AreEqual(client.Client.LocalEndPoint!.ToString(), from!.Value.Address);
        Assert.AreEqual("SIP/2.0 200 OK\r\n\r\n", Encoding.ASCII.GetString(reply.Buffer));
    }

    [TestMethod]
    public async Task TcpMessagesAreFramedAcrossAndWithinWritesAndAnsweredOnTheSameConnection()
    {
        var received = new ConcurrentQueue<string>();
        var peers = new ConcurrentQueue<SipPeer>();
        await using var transport = new SipTcpTransport(AnyLoopbackPort, TestFramer, (m, p, _) => { peers.Enqueue(p); received.Enqueue(Encoding.ASCII.GetString(m)); });
        transport.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(transport.Local, TestContext.CancellationToken);
        var stream = client.GetStream();

        var first = Message("one");
        var bytes = Encoding.ASCII.GetBytes("\r\n\r\n" + first + Message("two") + Message("three"));
        // Split the stream in awkward places: inside the first head, inside the second body.
        foreach (var (start, length) in new[] { (0, 10), (10, first.Length), (first.Length + 10, bytes.Length - first.Length - 10) })
        {
            await stream.WriteAsync(bytes.AsMemory(start, length), TestContext.CancellationToken);
            await stream.FlushAsync(TestContext.CancellationToken);
            await Task.Delay(20, TestContext.CancellationToken);
        }

        var messages = await WaitFor(received, 3);
        var sent = await transport.SendAsync(Encoding.ASCII.GetBytes("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"), IPEndPoint.Parse(peers.First().Address), TestContext.CancellationToken);
        var reply = new byte[64];
        var read = await stream.ReadAsync(reply, TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { Message("one"), Message("two"), Message("three") }, messages);
        Assert.IsTrue(sent);
        Assert.AreEqual(1, transport.ConnectionCount);
        StringAssert.StartsWith(Encoding.ASCII.GetString(reply, 0, read), "SIP/2.0 200 OK");
    }

    [TestMethod]
    public async Task TheSipLibraryFramerFramesTortureMessagesSentBackToBackOverTcp()
    {
        var received = new ConcurrentQueue<string>();
        await using var transport = new SipTcpTransport(AnyLoopbackPort, SipMessageFraming.Frame, (m, _, _) => received.Enqueue(Encoding.UTF8.GetString(m)));
        transport.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(transport.Local, TestContext.CancellationToken);
        var files = new[] { "wsinv.dat", "esc01.dat", "mpart01.dat", "unreason.dat" };
        var messages = files.Select(f => File.ReadAllBytes(Ims.Tests.Shared.TestPaths.TestData("sip-torture", f))).ToArray();

        await client.GetStream().WriteAsync(messages.SelectMany(m => m).ToArray(), TestContext.CancellationToken);
        var framed = await WaitFor(received, files.Length);

        CollectionAssert.AreEqual(messages.Select(m => Encoding.UTF8.GetString(m)).ToArray(), framed);
    }

    [TestMethod]
    public async Task ATcpStreamThatCannotBeFramedIsClosed()
    {
        var received = new ConcurrentQueue<string>();
        await using var transport = new SipTcpTransport(AnyLoopbackPort, TestFramer, (m, _, _) => received.Enqueue(Encoding.ASCII.GetString(m)));
        transport.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(transport.Local, TestContext.CancellationToken);
        var stream = client.GetStream();

        await stream.WriteAsync(Encoding.ASCII.GetBytes("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: x\r\n\r\n"), TestContext.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var read = await stream.ReadAsync(new byte[16], timeout.Token);

        Assert.AreEqual(0, read, "the edge closed the connection");
        Assert.IsEmpty(received);
        Assert.AreEqual(0, transport.ConnectionCount);
    }

    [TestMethod]
    public async Task TcpSendOpensAConnectionToAPeerAndFailsCleanlyWhenNobodyListens()
    {
        var atPeer = new ConcurrentQueue<string>();
        await using var peer = new SipTcpTransport(AnyLoopbackPort, TestFramer, (m, _, _) => atPeer.Enqueue(Encoding.ASCII.GetString(m)));
        peer.Start();
        await using var edge = new SipTcpTransport(AnyLoopbackPort, TestFramer, (_, _, _) => { });
        edge.Start();
        using var closed = new TcpListener(AnyLoopbackPort);
        closed.Start();
        var nobody = (IPEndPoint)closed.LocalEndpoint;
        closed.Stop();

        var ok = await edge.SendAsync(Encoding.ASCII.GetBytes(Message("hi")), peer.Local, TestContext.CancellationToken);
        var failed = await edge.SendAsync(Encoding.ASCII.GetBytes(Message("hi")), nobody, TestContext.CancellationToken);

        Assert.IsTrue(ok);
        Assert.IsFalse(failed);
        Assert.AreEqual(Message("hi"), (await WaitFor(atPeer, 1)).Single());
    }
}
