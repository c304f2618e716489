using System.Net;
using System.Net.Sockets;
using System.Text;
using Ims.Edge.Sip.Core;
using Ims.Edge.Sip.Transport;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;
using Ims.Sip.Building;
using Ims.Sip.Parsing;

namespace Ims.Edge.Tests.Sip;

/// <summary>
/// A SIP edge that binds one address and is reached on another (a wildcard bind, NAT): its sockets
/// listen on 127.0.0.1, while the events it publishes name the advertised host as their Local
/// address, which the functions put in the Via they add (RFC 3261 16.6 step 8). Responses still
/// find their transaction, which is matched by branch, not by sent-by (17.1.3).
/// </summary>
[TestClass]
public sealed class SipEdgeAdvertiseTests
{
    private const string Advertised = "edge.example.test";

    public TestContext TestContext { get; set; } = null!;

    private sealed class ForwardingFunction(int nextHopPort) : IImsFunction
    {
        public List<SipRequestReceived> Requests { get; } = [];

        public string Name => "test.advertise";

        public bool Accepts(BusEnvelope envelope) => envelope.Message is SipRequestReceived or SipResponseReceived;

        public ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
        {
            switch (envelope.Message)
            {
                case SipRequestReceived request:
                    lock (Requests)
                    {
                        Requests.Add(request);
                    }

                    // As the CSCFs do: this hop's Via names the event's Local address.
                    var parsed = SipMessage.Parse(request.Message).Message!;
                    var forwarded = new SipMessageEditor(parsed)
                        .AddFirst("Via", $"SIP/2.0/UDP {request.Local};branch=z9hG4bK-fwd-{parsed.TopVia!.Branch}")
                        .DecrementMaxForwards()
                        .ToArray();
                    return ValueTask.FromResult(FunctionOutcome.Of("forwarded", new OutgoingCommand(new ForwardSipRequest(request.TransactionId, forwarded, $"127.0.0.1:{nextHopPort}"))));
                case SipResponseReceived response:
                    var editor = new SipMessageEditor(SipMessage.Parse(response.Message).Message!);
                    editor.RemoveFirstValue(SipHeaderKind.Via);
                    return ValueTask.FromResult(FunctionOutcome.Of("relayed", new OutgoingCommand(new SendSipResponse(response.TransactionId, editor.ToArray()))));
                default:
                    return ValueTask.FromResult(FunctionOutcome.Of("ignored"));
            }
        }
    }

    private static string Register(string via, string branch, string callId) =>
        "REGISTER sip:ims.mnc001.mcc001.3gppnetwork.org SIP/2.0\r\n" +
        $"Via: SIP/2.0/{via};branch={branch};rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:advertised@ims.mnc001.mcc001.3gppnetwork.org>;tag=ue1\r\n" +
        "To: <sip:advertised@ims.mnc001.mcc001.3gppnetwork.org>\r\n" +
        $"Call-ID: {callId}\r\n" +
        "CSeq: 1 REGISTER\r\n" +
        "Content-Length: 0\r\n\r\n";

    private Task<SipMessage> Receive(UdpClient socket) => SipEdgeHarness.ReceiveAsync(socket, TestContext.CancellationToken);

    private static int PortOf(UdpClient socket) => SipEdgeHarness.PortOf(socket);

    [TestMethod]
    public async Task AForwardedRequestsViaNamesTheAdvertisedHostAndItsResponseStillComesBack()
    {
        using var nextHop = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var ue = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var function = new ForwardingFunction(PortOf(nextHop));
        await using var harness = await SipEdgeHarness.StartAsync(function, advertise: Advertised);
        var edge = harness.Edge;
        var port = edge.LocalEndPoint.Port;

        await ue.SendAsync(Encoding.ASCII.GetBytes(Register($"UDP 127.0.0.1:{PortOf(ue)}", "z9hG4bK-adv-1", "advertise-1@127.0.0.1")), edge.LocalEndPoint, TestContext.CancellationToken);
        var atNextHop = await Receive(nextHop);
        await nextHop.SendAsync(new SipResponseBuilder(atNextHop, 200, "OK").WithToTag("hop").ToArray(), edge.LocalEndPoint, TestContext.CancellationToken);
        var atUe = await Receive(ue);

        Assert.AreEqual(IPAddress.Loopback, edge.LocalEndPoint.Address, "the socket binds the bind address");
        Assert.AreEqual($"{Advertised}:{port}", edge.SentBy);
        Assert.AreEqual($"{Advertised}:{port}", function.Requests.Single().Local);
        Assert.AreEqual($"{Advertised}:{port}", atNextHop.TopVia!.SentBy);
        Assert.DoesNotContain("127.0.0.1:" + port, Encoding.ASCII.GetString(atNextHop.Bytes.Span));
        Assert.AreEqual(200, atUe.StatusCode);
        Assert.AreEqual("z9hG4bK-adv-1", atUe.Vias.Single().Branch);
    }

    [TestMethod]
    public async Task ARequestOverTcpNamesTheAdvertisedHostToo()
    {
        using var nextHop = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var function = new ForwardingFunction(PortOf(nextHop));
        await using var harness = await SipEdgeHarness.StartAsync(function, advertise: Advertised);
        var edge = harness.Edge;
        using var tcp = new TcpClient(AddressFamily.InterNetwork);
        await tcp.ConnectAsync(edge.LocalEndPoint, TestContext.CancellationToken);
        var local = (IPEndPoint)tcp.Client.LocalEndPoint!;

        await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Register($"TCP 127.0.0.1:{local.Port}", "z9hG4bK-adv-tcp", "advertise-tcp@127.0.0.1")), TestContext.CancellationToken);
        var atNextHop = await Receive(nextHop);

        var request = function.Requests.Single();
        Assert.AreEqual(SipTransport.Tcp, request.Transport);
        Assert.AreEqual($"{Advertised}:{edge.LocalEndPoint.Port}", request.Local);
        Assert.AreEqual($"{Advertised}:{edge.LocalEndPoint.Port}", atNextHop.TopVia!.SentBy);
    }

    [TestMethod]
    [DataRow(null, "127.0.0.1:5060")]
    [DataRow("", "127.0.0.1:5060")]
    [DataRow("203.0.113.7", "203.0.113.7:5060")]
    [DataRow("2001:db8::5", "[2001:db8::5]:5060")]
    [DataRow("pcscf.example.net", "pcscf.example.net:5060")]
    public void SentByIsTheAdvertisedHostOnTheListenersPort(string? advertise, string sentBy) =>
        Assert.AreEqual(sentBy, SipSentBy.Of(new IPEndPoint(IPAddress.Loopback, 5060), advertise));
}
