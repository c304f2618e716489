using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Ims.Bus;
using Ims.Edge.Core;
using Ims.Edge.Sip.Core;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;
using Ims.Sip.Building;
using Ims.Sip.Parsing;

namespace Ims.Edge.Tests.Sip;

/// <summary>
/// The SIP edge with a real UDP "UE" and "next hop" on loopback, the in-process bus and the function
/// host: requests become events, commands become responses and forwarded requests, retransmissions are
/// absorbed, and what no function could answer is answered by the edge itself.
/// </summary>
[TestClass]
public sealed class SipEdgeTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>A function given as a delegate, counting the events it saw.</summary>
    private sealed class TestFunction(Func<BusEnvelope, FunctionOutcome> handle) : IImsFunction
    {
        public int Calls;

        public string Name => "test.sip";

        public bool Accepts(BusEnvelope envelope) => envelope.Message is SipRequestReceived or SipResponseReceived;

        public ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return ValueTask.FromResult(handle(envelope));
        }
    }

    private static Task<SipEdgeHarness> Start(IImsFunction function, TimeSpan? deadline = null) => SipEdgeHarness.StartAsync(function, deadline);

    private static string Register(int port, string branch = "z9hG4bK-ue-1", string cseq = "1 REGISTER", string maxForwards = "70") =>
        $"REGISTER sip:ims.mnc001.mcc001.3gppnetwork.org SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:{port};branch={branch};rport\r\n" +
        $"Max-Forwards: {maxForwards}\r\n" +
        "From: <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>;tag=ue1\r\n" +
        "To: <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>\r\n" +
        "Call-ID: edge-test-1@127.0.0.1\r\n" +
        $"CSeq: {cseq}\r\n" +
        $"Contact: <sip:alice@127.0.0.1:{port}>;expires=600\r\n" +
        "Content-Length: 0\r\n\r\n";

    private Task<SipMessage> Receive(UdpClient socket) => SipEdgeHarness.ReceiveAsync(socket, TestContext.CancellationToken);

    private static UdpClient Ue() => new(new IPEndPoint(IPAddress.Loopback, 0));

    private static int PortOf(UdpClient socket) => SipEdgeHarness.PortOf(socket);

    [TestMethod]
    public async Task ARequestIsAnsweredWithTheFunctionsResponseAndItsRetransmissionIsAbsorbed()
    {
        SipRequestReceived? seen = null;
        var function = new TestFunction(e =>
        {
            seen = (SipRequestReceived)e.Message;
            var request = SipMessage.Parse(seen.Message).Message!;
            var challenge = new SipResponseBuilder(request, 401, "Unauthorized").WithToTag("scscf1")
                .Add("WWW-Authenticate", "Digest realm=\"ims.mnc001.mcc001.3gppnetwork.org\", nonce=\"abc\", algorithm=AKAv1-MD5").ToArray();
            return FunctionOutcome.Of("challenged", new OutgoingCommand(new SendSipResponse(seen.TransactionId, challenge)));
        });
        await using var harness = await Start(function);
        using var ue = Ue();
        var register = Encoding.ASCII.GetBytes(Register(PortOf(ue)));

        await ue.SendAsync(register, harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        var first = await Receive(ue);
        await ue.SendAsync(register, harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        var again = await Receive(ue);

        Assert.AreEqual(401, first.StatusCode);
        Assert.AreEqual("scscf1", first.To!.Tag);
        Assert.AreEqual("z9hG4bK-ue-1", first.TopVia!.Branch);
        Assert.AreEqual(401, again.StatusCode);
        Assert.AreEqual(1, function.Calls, "the retransmission was absorbed, not published again");
        Assert.AreEqual(ImsRole.Pcscf, seen!.Role);
        Assert.AreEqual(SipTransport.Udp, seen.Transport);
        Assert.AreEqual($"127.0.0.1:{PortOf(ue)}", seen.Source);
        CollectionAssert.AreEqual(register, seen.Message);
    }

    [TestMethod]
    [DataRow("1 INVITE", 400, "CSeq method does not match")]
    [DataRow("x REGISTER", 400, "Invalid CSeq")]
    public async Task AMalformedRequestIsAnsweredByTheEdgeWithTheFaultAndNotPublished(string cseq, int status, string reason)
    {
        var function = new TestFunction(_ => FunctionOutcome.Of("should not run"));
        await using var harness = await Start(function);
        using var ue = Ue();

        await ue.SendAsync(Encoding.ASCII.GetBytes(Register(PortOf(ue), cseq: cseq)), harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        var response = await Receive(ue);

        Assert.AreEqual(status, response.StatusCode);
        StringAssert.Contains(response.ReasonPhrase, reason);
        Assert.AreEqual(0, function.Calls);
    }

    [TestMethod]
    public async Task AnExtensionTheProxyMustUnderstandAndDoesNotIsRefused420()
    {
        var function = new TestFunction(_ => FunctionOutcome.Of("should not run"));
        await using var harness = await Start(function);
        using var ue = Ue();
        var register = Register(PortOf(ue)).Replace("Content-Length: 0", "Proxy-Require: path, sec-agree, foo\r\nContent-Length: 0", StringComparison.Ordinal);

        await ue.SendAsync(Encoding.ASCII.GetBytes(register), harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        var response = await Receive(ue);

        Assert.AreEqual(420, response.StatusCode);
        // RFC 3261 8.2.2.3: Unsupported lists exactly the tags not understood.
        Assert.AreEqual("sec-agree, foo", response.First(Ims.Sip.Parsing.SipHeaderKind.Unsupported));
        Assert.AreEqual(0, function.Calls);
    }

    [TestMethod]
    public async Task NoHopsLeftIsAnswered483()
    {
        var function = new TestFunction(_ => FunctionOutcome.Of("should not run"));
        await using var harness = await Start(function);
        using var ue = Ue();

        await ue.SendAsync(Encoding.ASCII.GetBytes(Register(PortOf(ue), maxForwards: "0")), harness.Edge.LocalEndPoint, TestContext.CancellationToken);

        Assert.AreEqual(483, (await Receive(ue)).StatusCode);
        Assert.AreEqual(0, function.Calls);
    }

    [TestMethod]
    public async Task WithoutADecisionTheEdgeAnswers504AtItsDeadline()
    {
        var function = new TestFunction(_ => FunctionOutcome.Of("no answer"));
        await using var harness = await Start(function, TimeSpan.FromMilliseconds(300));
        using var ue = Ue();

        await ue.SendAsync(Encoding.ASCII.GetBytes(Register(PortOf(ue))), harness.Edge.LocalEndPoint, TestContext.CancellationToken);

        Assert.AreEqual(504, (await Receive(ue)).StatusCode);
    }

    [TestMethod]
    public async Task AForwardedRequestsResponseComesBackAsAnEventAndIsRelayedUpstream()
    {
        using var nextHop = Ue();
        var edgeAddress = string.Empty;
        var function = new TestFunction(e =>
        {
            switch (e.Message)
            {
                case SipRequestReceived request:
                    var parsed = SipMessage.Parse(request.Message).Message!;
                    var forwarded = new SipMessageEditor(parsed)
                        .AddFirst("Via", $"SIP/2.0/UDP {edgeAddress};branch=z9hG4bK-fwd-{parsed.TopVia!.Branch}")
                        .DecrementMaxForwards()
                        .ToArray();
                    return FunctionOutcome.Of("forwarded", new OutgoingCommand(new ForwardSipRequest(request.TransactionId, forwarded, $"127.0.0.1:{PortOf(nextHop)}")));
                case SipResponseReceived response:
                    var editor = new SipMessageEditor(SipMessage.Parse(response.Message).Message!);
                    editor.RemoveFirstValue(SipHeaderKind.Via);
                    return FunctionOutcome.Of("relayed", new OutgoingCommand(new SendSipResponse(response.TransactionId, editor.ToArray())));
                default:
                    return FunctionOutcome.Of("ignored");
            }
        });
        await using var harness = await Start(function);
        edgeAddress = harness.Edge.LocalEndPoint.ToString();
        using var ue = Ue();

        await ue.SendAsync(Encoding.ASCII.GetBytes(Register(PortOf(ue))), harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        var atNextHop = await Receive(nextHop);
        var ok = new SipResponseBuilder(atNextHop, 200, "OK").WithToTag("hop").ToArray();
        await nextHop.SendAsync(ok, harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        var atUe = await Receive(ue);

        Assert.AreEqual(69, atNextHop.MaxForwards);
        CollectionAssert.AreEqual(new[] { "z9hG4bK-fwd-z9hG4bK-ue-1", "z9hG4bK-ue-1" }, atNextHop.Vias.Select(v => v.Branch).ToArray());
        Assert.AreEqual(200, atUe.StatusCode);
        Assert.AreEqual("z9hG4bK-ue-1", atUe.Vias.Single().Branch);
        Assert.AreEqual("hop", atUe.To!.Tag);
        Assert.AreEqual(2, function.Calls);
    }

    private static string Invite(int port, string method = "INVITE") =>
        $"{method} sip:bob@ims.mnc001.mcc001.3gppnetwork.org SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK-inv-1;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>;tag=a1\r\n" +
        "To: <sip:bob@ims.mnc001.mcc001.3gppnetwork.org>\r\n" +
        "Call-ID: cancel-test-1@127.0.0.1\r\n" +
        $"CSeq: 1 {method}\r\n" +
        "Content-Length: 0\r\n\r\n";

    private async Task<SipMessage> ReceiveSkipping100(UdpClient socket)
    {
        while (true)
        {
            var message = await Receive(socket);
            if (message.StatusCode != 100)
            {
                return message;
            }
        }
    }

    [TestMethod]
    public async Task ACancelFollowsTheForwardedInviteAndIsAnsweredByTheEdge()
    {
        using var nextHop = Ue();
        var edgeAddress = string.Empty;
        var function = new TestFunction(e =>
        {
            if (e.Message is not SipRequestReceived request)
            {
                return FunctionOutcome.Of("ignored");
            }

            var parsed = SipMessage.Parse(request.Message).Message!;
            var forwarded = new SipMessageEditor(parsed).AddFirst("Via", $"SIP/2.0/UDP {edgeAddress};branch=z9hG4bK-fwd-1").DecrementMaxForwards().ToArray();
            return FunctionOutcome.Of("forwarded", new OutgoingCommand(new ForwardSipRequest(request.TransactionId, forwarded, $"127.0.0.1:{PortOf(nextHop)}")));
        });
        await using var harness = await Start(function);
        edgeAddress = harness.Edge.LocalEndPoint.ToString();
        using var ue = Ue();

        await ue.SendAsync(Encoding.ASCII.GetBytes(Invite(PortOf(ue))), harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        var invite = await Receive(nextHop);
        await ue.SendAsync(Encoding.ASCII.GetBytes(Invite(PortOf(ue), "CANCEL")), harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        var cancelAnswer = await ReceiveSkipping100(ue);
        var cancel = await Receive(nextHop);

        // RFC 3261 16.10: the proxy answers the CANCEL itself and cancels the branch it forwarded, with that branch's Via.
        Assert.AreEqual(200, cancelAnswer.StatusCode);
        Assert.AreEqual("CANCEL", cancelAnswer.CSeq!.Method);
        Assert.AreEqual("CANCEL", cancel.Method);
        Assert.AreEqual(invite.TopVia!.Branch, cancel.Vias.Single().Branch);
        Assert.AreEqual(invite.RequestUriText, cancel.RequestUriText);
        Assert.AreEqual(1, function.Calls, "the CANCEL is transaction work: no function sees it");
    }

    [TestMethod]
    public async Task ACancelBeforeTheDecisionEndsTheInviteWith487AndAnUnknownOneGets481()
    {
        var function = new TestFunction(_ => FunctionOutcome.Of("thinking"));
        await using var harness = await Start(function, TimeSpan.FromSeconds(30));
        using var ue = Ue();

        await ue.SendAsync(Encoding.ASCII.GetBytes(Invite(PortOf(ue))), harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        Assert.AreEqual(100, (await Receive(ue)).StatusCode);
        await ue.SendAsync(Encoding.ASCII.GetBytes(Invite(PortOf(ue), "CANCEL")), harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        var first = await Receive(ue);
        var second = await Receive(ue);
        var byMethod = new[] { first, second }.ToDictionary(m => m.CSeq!.Method);

        Assert.AreEqual(200, byMethod["CANCEL"].StatusCode);
        Assert.AreEqual(487, byMethod["INVITE"].StatusCode);

        await ue.SendAsync(Encoding.ASCII.GetBytes(Invite(PortOf(ue), "CANCEL").Replace("z9hG4bK-inv-1", "z9hG4bK-other", StringComparison.Ordinal)), harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        Assert.AreEqual(481, (await Receive(ue)).StatusCode);
    }

    /// <summary>A function that leaves a request undecided, and then hears what its late forward met.</summary>
    private sealed class UndecidedFunction : IImsFunction, IDisposable
    {
        private readonly SemaphoreSlim _held = new(0);
        private readonly SemaphoreSlim _heard = new(0);

        public SipRequestReceived? Held { get; private set; }

        public SipResponseReceived? Heard { get; private set; }

        public Continuation? Resumed { get; private set; }

        public string Name => "test.sip";

        public bool Accepts(BusEnvelope envelope) => envelope.Message is SipRequestReceived or SipResponseReceived;

        public ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
        {
            if (envelope.Message is SipRequestReceived request)
            {
                Held = request;
                _held.Release();
                return ValueTask.FromResult(FunctionOutcome.Of("waiting for a peer"));
            }

            Heard = (SipResponseReceived)envelope.Message;
            Resumed = envelope.Continuation;
            _heard.Release();
            return ValueTask.FromResult(FunctionOutcome.Of("setup failed"));
        }

        public Task<bool> WaitHeldAsync(CancellationToken cancellationToken) => _held.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);

        public Task<bool> WaitHeardAsync(CancellationToken cancellationToken) => _heard.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);

        public void Dispose()
        {
            _held.Dispose();
            _heard.Dispose();
        }
    }

    /// <summary>The function's decision, too late: forward the held request, with a Via of branch <paramref name="branch"/>, to <paramref name="nextHop"/>.</summary>
    private async Task ForwardLateAsync(SipEdgeHarness harness, SipRequestReceived held, UdpClient nextHop, string branch)
    {
        var parsed = SipMessage.Parse(held.Message).Message!;
        var forwarded = new SipMessageEditor(parsed).AddFirst("Via", $"SIP/2.0/UDP {harness.Edge.LocalEndPoint};branch={branch}").DecrementMaxForwards().ToArray();
        var stamp = new EnvelopeStamp(SipEdgeHarness.EdgeId, TimeProvider.System, new RandomEnvelopeIds());
        await harness.Bus.PublishAsync(
            stamp.Envelope("cancel-test-1@127.0.0.1", held.TransactionId, new ForwardSipRequest(held.TransactionId, forwarded, $"127.0.0.1:{PortOf(nextHop)}"), new Continuation("test.sip", "relay", "{}")),
            TestContext.CancellationToken);
    }

    private async Task AssertNothingArrivesAsync(UdpClient nextHop, string because)
    {
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        quiet.CancelAfter(TimeSpan.FromMilliseconds(700));
        await Assert.ThrowsAsync<OperationCanceledException>(async () => await nextHop.ReceiveAsync(quiet.Token), because);
    }

    [TestMethod]
    public async Task AForwardDecidedAfterTheCancelIsNotSent_AndTheFunctionHearsA487()
    {
        using var function = new UndecidedFunction();
        await using var harness = await Start(function, TimeSpan.FromSeconds(30));
        using var ue = Ue();
        using var nextHop = Ue();

        await ue.SendAsync(Encoding.ASCII.GetBytes(Invite(PortOf(ue))), harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        Assert.AreEqual(100, (await Receive(ue)).StatusCode);
        await ue.SendAsync(Encoding.ASCII.GetBytes(Invite(PortOf(ue), "CANCEL")), harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        var answers = new[] { await Receive(ue), await Receive(ue) }.ToDictionary(m => m.CSeq!.Method);
        Assert.AreEqual(487, answers["INVITE"].StatusCode);
        Assert.IsTrue(await function.WaitHeldAsync(TestContext.CancellationToken));

        // The decision (an AAA, say) comes after the UE gave up.
        await ForwardLateAsync(harness, function.Held!, nextHop, "z9hG4bK-fwd-late");

        Assert.IsTrue(await function.WaitHeardAsync(TestContext.CancellationToken));
        var response = SipMessage.Parse(function.Heard!.Message).Message!;
        Assert.AreEqual(487, response.StatusCode);
        Assert.AreEqual("z9hG4bK-fwd-late", response.TopVia!.Branch, "the response of the forwarded request, with its Via, as a real 487 would come back");
        Assert.AreEqual("relay", function.Resumed!.Step);
        await AssertNothingArrivesAsync(nextHop, "the cancelled INVITE never reaches the next hop");
    }

    [TestMethod]
    public async Task AForwardDecidedAfterTheDeadlineIsNotSent_AndTheFunctionHearsThe504()
    {
        using var function = new UndecidedFunction();
        // The edge remembers the 504 for one more deadline: long enough for this test's late forward on a busy machine.
        await using var harness = await Start(function, TimeSpan.FromSeconds(2));
        using var ue = Ue();
        using var nextHop = Ue();

        await ue.SendAsync(Encoding.ASCII.GetBytes(Invite(PortOf(ue))), harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        Assert.AreEqual(504, (await ReceiveSkipping100(ue)).StatusCode);
        Assert.IsTrue(await function.WaitHeldAsync(TestContext.CancellationToken));

        // The decision comes after the edge gave the UE its 504 (within one more deadline).
        await ForwardLateAsync(harness, function.Held!, nextHop, "z9hG4bK-fwd-slow");

        Assert.IsTrue(await function.WaitHeardAsync(TestContext.CancellationToken));
        Assert.AreEqual(504, SipMessage.Parse(function.Heard!.Message).Message!.StatusCode);
        await AssertNothingArrivesAsync(nextHop, "a request its UE was told had timed out never reaches the next hop");
    }

    [TestMethod]
    public async Task RequestsOverTcpAreAnsweredOnTheirConnection()
    {
        var function = new TestFunction(e =>
        {
            var request = (SipRequestReceived)e.Message;
            var ok = new SipResponseBuilder(SipMessage.Parse(request.Message).Message!, 200, "OK").WithToTag("t").ToArray();
            return FunctionOutcome.Of("ok", new OutgoingCommand(new SendSipResponse(request.TransactionId, ok)));
        });
        await using var harness = await Start(function);
        using var client = new TcpClient();
        await client.ConnectAsync(harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        var port = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(Register(port).Replace("SIP/2.0/UDP", "SIP/2.0/TCP", StringComparison.Ordinal)), TestContext.CancellationToken);
        var buffer = new byte[4096];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var read = await client.GetStream().ReadAsync(buffer, timeout.Token);

        var response = SipMessage.Parse(buffer.AsMemory(0, read), SipFramingMode.Stream);
        Assert.IsTrue(response.IsValid, response.Reason);
        Assert.AreEqual(200, response.Message!.StatusCode);
    }

    [TestMethod]
    public async Task ARoleOriginatesAByeRetransmitsItUntilAnsweredAndReportsTheAnswerToItsContinuation()
    {
        SipResponseReceived? answer = null;
        Continuation? resumed = null;
        using var answered = new SemaphoreSlim(0);
        var function = new TestFunction(e =>
        {
            answer = (SipResponseReceived)e.Message;
            resumed = e.Continuation;
            answered.Release();
            return FunctionOutcome.Of("release answered");
        });
        await using var harness = await Start(function);
        using var ue = Ue();
        var bye = Encoding.ASCII.GetBytes(
            $"BYE sip:alice@127.0.0.1:{PortOf(ue)} SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-release-1\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:bob@ims.mnc001.mcc001.3gppnetwork.org>;tag=b1\r\n" +
            "To: <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>;tag=a1\r\n" +
            "Call-ID: released@127.0.0.1\r\n" +
            "CSeq: 100 BYE\r\n" +
            "Reason: SIP;cause=503;text=\"credit exhausted\"\r\n" +
            "Content-Length: 0\r\n\r\n");
        var stamp = new EnvelopeStamp("edge-test", TimeProvider.System, new RandomEnvelopeIds());
        var release = stamp.Envelope("released@127.0.0.1", "release|released@127.0.0.1",
            new SendSipRequest(ImsRole.Pcscf, bye, $"127.0.0.1:{PortOf(ue)}"), new Continuation("test.sip", "released", "{}"));

        await harness.Bus.PublishAsync(release, TestContext.CancellationToken);
        var first = await Receive(ue);
        var retransmitted = await Receive(ue);
        Assert.AreEqual("BYE", first.Method);
        Assert.AreEqual("z9hG4bK-release-1", retransmitted.TopVia!.Branch, "Timer E retransmits the same request");

        var ok = new SipResponseBuilder(first, 200, "OK").ToArray();
        await ue.SendAsync(ok, harness.Edge.LocalEndPoint, TestContext.CancellationToken);
        Assert.IsTrue(await answered.WaitAsync(TimeSpan.FromSeconds(10), TestContext.CancellationToken));

        Assert.AreEqual(200, SipMessage.Parse(answer!.Message).Message!.StatusCode);
        Assert.AreEqual("released", resumed!.Step);
    }

    [TestMethod]
    public async Task AnInviteCannotBeOriginatedAndNothingIsSent()
    {
        var function = new TestFunction(_ => FunctionOutcome.Of("should not run"));
        await using var harness = await Start(function);
        using var ue = Ue();
        var invite = Encoding.ASCII.GetBytes(
            $"INVITE sip:alice@127.0.0.1:{PortOf(ue)} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-x\r\nMax-Forwards: 70\r\n" +
            "From: <sip:b@x>;tag=1\r\nTo: <sip:a@x>\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");
        var stamp = new EnvelopeStamp("edge-test", TimeProvider.System, new RandomEnvelopeIds());

        await harness.Bus.PublishAsync(stamp.Envelope("c", "c", new SendSipRequest(ImsRole.Pcscf, invite, $"127.0.0.1:{PortOf(ue)}")), TestContext.CancellationToken);

        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        quiet.CancelAfter(TimeSpan.FromMilliseconds(700));
        await Assert.ThrowsAsync<OperationCanceledException>(async () => await ue.ReceiveAsync(quiet.Token));
    }
}
