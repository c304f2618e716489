using System.Text;
using Ims.Edge.Sip.Transactions;
using Ims.Events;
using Microsoft.Extensions.Time.Testing;

namespace Ims.Edge.Tests.Sip;

[TestClass]
public sealed class SipTransactionLayerTests
{
    private static readonly SipPeer Ue = new("127.0.0.1:5070", SipTransport.Udp);
    private static readonly SipPeer UeTcp = new("127.0.0.1:5070", SipTransport.Tcp);
    private static readonly SipPeer NextHop = new("127.0.0.1:4060", SipTransport.Udp);

    private sealed class RecordingSender : ISipSender
    {
        public List<(string Text, SipPeer Peer, TimeSpan At)> Sent { get; } = [];

        public FakeTimeProvider? Clock { get; set; }

        public DateTimeOffset Start { get; set; }

        public void Send(ReadOnlyMemory<byte> message, SipPeer peer) =>
            Sent.Add((Encoding.ASCII.GetString(message.Span), peer, Clock!.GetUtcNow() - Start));

        public string[] Texts => Sent.Select(s => s.Text).ToArray();
    }

    private sealed class RecordingUser : IClientTransactionUser
    {
        public List<int> Responses { get; } = [];

        public int Timeouts { get; set; }

        public void OnResponse(SipTransactionMessage response) => Responses.Add(response.StatusCode);

        public void OnTimeout() => Timeouts++;

        public ReadOnlyMemory<byte> BuildAck(SipTransactionMessage finalResponse) => Encoding.ASCII.GetBytes($"ACK for {finalResponse.StatusCode}");
    }

    private FakeTimeProvider _clock = null!;
    private RecordingSender _sender = null!;
    private SipTransactionLayer _layer = null!;

    [TestInitialize]
    public void Start()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero));
        _sender = new RecordingSender { Clock = _clock, Start = _clock.GetUtcNow() };
        _layer = new SipTransactionLayer(_sender, _clock);
    }

    [TestCleanup]
    public void Stop() => _layer.Dispose();

    private static SipTransactionMessage Request(string method, string branch = "z9hG4bK1", string text = "request") =>
        SipTransactionMessage.Request(method, branch, "127.0.0.1:5070", method == "ACK" ? "ACK" : method, Encoding.ASCII.GetBytes(text));

    private static SipTransactionMessage Response(int status, string cseqMethod, string branch = "z9hG4bKp1") =>
        SipTransactionMessage.Response(status, branch, "127.0.0.1:5060", cseqMethod, Encoding.ASCII.GetBytes($"SIP/2.0 {status}"));

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.ASCII.GetBytes(text);

    private void Advance(double seconds) => _clock.Advance(TimeSpan.FromSeconds(seconds));

    [TestMethod]
    public void NonInviteRetransmissionsAreAbsorbedAndAnsweredWithTheLastResponse()
    {
        var first = _layer.ReceiveRequest(Request("REGISTER"), Ue);
        var early = _layer.ReceiveRequest(Request("REGISTER"), Ue);

        Assert.AreEqual(ServerRequestDisposition.NewTransaction, first.Disposition);
        Assert.AreEqual(ServerRequestDisposition.Retransmission, early.Disposition);
        Assert.IsEmpty(_sender.Sent, "nothing to resend before the first response");

        Assert.IsTrue(_layer.SendResponse(first.TransactionId, 401, Bytes("401")));
        _layer.ReceiveRequest(Request("REGISTER"), Ue);

        CollectionAssert.AreEqual(new[] { "401", "401" }, _sender.Texts);
        Assert.AreEqual(TransactionState.Completed, _layer.ServerState(first.TransactionId));
        Assert.IsFalse(_layer.SendResponse(first.TransactionId, 200, Bytes("200")), "a completed transaction takes no second final response");
    }

    [TestMethod]
    public void NonInviteServerTransactionEndsAfterTimerJOverUdpAndAtOnceOverTcp()
    {
        var udp = _layer.ReceiveRequest(Request("REGISTER", "z9hG4bKudp"), Ue).TransactionId;
        var tcp = _layer.ReceiveRequest(Request("REGISTER", "z9hG4bKtcp"), UeTcp).TransactionId;
        _layer.SendResponse(udp, 200, Bytes("200"));
        _layer.SendResponse(tcp, 200, Bytes("200"));

        Advance(0);
        Assert.IsNull(_layer.ServerState(tcp));
        Assert.AreEqual(TransactionState.Completed, _layer.ServerState(udp));

        Advance(31.9);
        Assert.AreEqual(TransactionState.Completed, _layer.ServerState(udp));
        Advance(0.1);
        Assert.IsNull(_layer.ServerState(udp));
        Assert.AreEqual(ServerRequestDisposition.NewTransaction, _layer.ReceiveRequest(Request("REGISTER", "z9hG4bKudp"), Ue).Disposition);
    }

    [TestMethod]
    public void InviteErrorResponseIsRetransmittedByTimerGUntilTheAck()
    {
        var id = _layer.ReceiveRequest(Request("INVITE"), Ue).TransactionId;
        _layer.SendResponse(id, 100, Bytes("100"));
        _layer.SendResponse(id, 486, Bytes("486"));

        // Timer G: T1, 2T1, 4T1, then capped at T2 = 4 s.
        foreach (var step in new[] { 0.5, 1, 2, 4, 4 })
        {
            Advance(step);
        }

        var ack = _layer.ReceiveRequest(Request("ACK"), Ue);
        Advance(20);

        Assert.AreEqual(ServerRequestDisposition.AckAbsorbed, ack.Disposition);
        CollectionAssert.AreEqual(
            new[] { 0.0, 0.0, 0.5, 1.5, 3.5, 7.5, 11.5 },
            _sender.Sent.Select(s => s.At.TotalSeconds).ToArray());
        CollectionAssert.AreEqual(new[] { "100", "486", "486", "486", "486", "486", "486" }, _sender.Texts);
        Assert.IsNull(_layer.ServerState(id), "Timer I ended the confirmed transaction");
    }

    [TestMethod]
    public void InviteWithoutAckEndsByTimerHAndIsReported()
    {
        var ended = new List<(string Id, string Reason)>();
        _layer.ServerTransactionEnded += (id, reason) => ended.Add((id, reason));
        var id = _layer.ReceiveRequest(Request("INVITE"), UeTcp).TransactionId;
        _layer.SendResponse(id, 480, Bytes("480"));

        Advance(31.9);
        Assert.AreEqual(TransactionState.Completed, _layer.ServerState(id));
        Advance(0.1);

        Assert.IsNull(_layer.ServerState(id));
        Assert.AreEqual((id, "no ACK for the final response (Timer H)"), ended.Single());
        Assert.HasCount(1, _sender.Sent, "no retransmission over TCP");
    }

    [TestMethod]
    public void AcceptedInviteAbsorbsRetransmissionsAndLetsTheAckForTheTwoHundredThrough()
    {
        var id = _layer.ReceiveRequest(Request("INVITE"), Ue).TransactionId;
        _layer.SendResponse(id, 200, Bytes("200"));

        var retransmission = _layer.ReceiveRequest(Request("INVITE"), Ue);
        var ack = _layer.ReceiveRequest(Request("ACK"), Ue);

        Assert.AreEqual(ServerRequestDisposition.Retransmission, retransmission.Disposition);
        Assert.AreEqual(ServerRequestDisposition.StatelessAck, ack.Disposition);
        Assert.AreEqual(TransactionState.Accepted, _layer.ServerState(id));
        Assert.IsTrue(_layer.SendResponse(id, 200, Bytes("200 again")), "RFC 6026: a 2xx retransmission from the core passes");
        CollectionAssert.AreEqual(new[] { "200", "200 again" }, _sender.Texts);
        Advance(32);
        Assert.IsNull(_layer.ServerState(id), "Timer L");
    }

    [TestMethod]
    public void ClientInviteRetransmitsByTimerAUntilAProvisionalThenWaitsUnderTimerC()
    {
        var user = new RecordingUser();
        var invite = SipTransactionMessage.Request("INVITE", "z9hG4bKp1", "127.0.0.1:5060", "INVITE", Bytes("INVITE"));
        var id = _layer.StartClient(invite, NextHop, user);

        Advance(0.5);
        Advance(1);
        _layer.ReceiveResponse(Response(100, "INVITE"));
        Advance(60);

        CollectionAssert.AreEqual(new[] { 0.0, 0.5, 1.5 }, _sender.Sent.Select(s => s.At.TotalSeconds).ToArray());
        CollectionAssert.AreEqual(new[] { 100 }, user.Responses);
        Assert.AreEqual(0, user.Timeouts, "Timer B no longer runs after a provisional response");
        Assert.AreEqual(TransactionState.Proceeding, _layer.ClientState(id));

        Advance(121);
        Assert.AreEqual(1, user.Timeouts, "Timer C");
        Assert.IsNull(_layer.ClientState(id));
    }

    [TestMethod]
    public void ClientInviteWithAShortSilenceTimesOutThenAndForgetsTheTransaction()
    {
        // What the S-CSCF asks for towards an application server (DefaultHandling needs a prompt answer).
        var user = new RecordingUser();
        var invite = SipTransactionMessage.Request("INVITE", "z9hG4bKp1", "127.0.0.1:5060", "INVITE", Bytes("INVITE"));
        var id = _layer.StartClient(invite, NextHop, user, TimeSpan.FromSeconds(3));

        Advance(0.5);
        Advance(1.0);
        Advance(1.4);
        Assert.AreEqual(0, user.Timeouts);
        Advance(0.2);

        Assert.AreEqual(1, user.Timeouts);
        Assert.IsNull(_layer.ClientState(id));
        Assert.IsFalse(_layer.ReceiveResponse(Response(180, "INVITE")), "a late answer matches nothing");
        CollectionAssert.AreEqual(new[] { 0.0, 0.5, 1.5 }, _sender.Sent.Select(s => s.At.TotalSeconds).ToArray());
    }

    [TestMethod]
    public void ClientInviteWithAShortSilenceStopsWaitingOnceTheNextHopAnswers()
    {
        var user = new RecordingUser();
        var invite = SipTransactionMessage.Request("INVITE", "z9hG4bKp1", "127.0.0.1:5060", "INVITE", Bytes("INVITE"));
        var id = _layer.StartClient(invite, NextHop, user, TimeSpan.FromSeconds(3));

        _layer.ReceiveResponse(Response(100, "INVITE"));
        Advance(30);

        Assert.AreEqual(0, user.Timeouts);
        Assert.AreEqual(TransactionState.Proceeding, _layer.ClientState(id));
    }

    [TestMethod]
    public void ClientInviteAcksAnErrorResponseItselfAndAbsorbsItsRetransmissions()
    {
        var user = new RecordingUser();
        var invite = SipTransactionMessage.Request("INVITE", "z9hG4bKp1", "127.0.0.1:5060", "INVITE", Bytes("INVITE"));
        var id = _layer.StartClient(invite, NextHop, user);

        _layer.ReceiveResponse(Response(404, "INVITE"));
        _layer.ReceiveResponse(Response(404, "INVITE"));

        CollectionAssert.AreEqual(new[] { 404 }, user.Responses);
        CollectionAssert.AreEqual(new[] { "INVITE", "ACK for 404", "ACK for 404" }, _sender.Texts);
        Assert.AreEqual(TransactionState.Completed, _layer.ClientState(id));
        Advance(32);
        Assert.IsNull(_layer.ClientState(id), "Timer D");
    }

    [TestMethod]
    public void ClientInviteAcceptedPassesEveryTwoHundredUp()
    {
        var user = new RecordingUser();
        var invite = SipTransactionMessage.Request("INVITE", "z9hG4bKp1", "127.0.0.1:5060", "INVITE", Bytes("INVITE"));
        var id = _layer.StartClient(invite, NextHop, user);

        _layer.ReceiveResponse(Response(180, "INVITE"));
        _layer.ReceiveResponse(Response(200, "INVITE"));
        _layer.ReceiveResponse(Response(200, "INVITE"));

        CollectionAssert.AreEqual(new[] { 180, 200, 200 }, user.Responses);
        Assert.AreEqual(TransactionState.Accepted, _layer.ClientState(id));
        Advance(32);
        Assert.IsNull(_layer.ClientState(id), "Timer M");
    }

    [TestMethod]
    public void ClientNonInviteRetransmitsByTimerECappedAtT2AndTimesOutByTimerF()
    {
        var user = new RecordingUser();
        var register = SipTransactionMessage.Request("REGISTER", "z9hG4bKp1", "127.0.0.1:5060", "REGISTER", Bytes("REGISTER"));
        _layer.StartClient(register, NextHop, user);

        for (var i = 0; i < 70; i++)
        {
            Advance(0.5);
        }

        var times = _sender.Sent.Select(s => s.At.TotalSeconds).ToArray();
        CollectionAssert.AreEqual(new[] { 0.0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5 }, times);
        Assert.AreEqual(1, user.Timeouts);
        Assert.AreEqual(0, _layer.ClientTransactionCount);
    }

    [TestMethod]
    public void ClientNonInviteOverTcpSendsOnceAndCompletesAtOnce()
    {
        var user = new RecordingUser();
        var register = SipTransactionMessage.Request("REGISTER", "z9hG4bKp1", "127.0.0.1:5060", "REGISTER", Bytes("REGISTER"));
        var id = _layer.StartClient(register, NextHop with { Transport = SipTransport.Tcp }, user);

        Advance(10);
        _layer.ReceiveResponse(Response(200, "REGISTER"));
        Advance(0);

        Assert.HasCount(1, _sender.Sent);
        CollectionAssert.AreEqual(new[] { 200 }, user.Responses);
        Assert.IsNull(_layer.ClientState(id), "Timer K is zero on reliable transports");
    }

    [TestMethod]
    public void AResponseForNoTransactionIsLeftToTheCore()
    {
        Assert.IsFalse(_layer.ReceiveResponse(Response(200, "REGISTER", "z9hG4bKunknown")));
    }

    [TestMethod]
    public void TransactionsAreKeyedByBranchSentByAndMethod()
    {
        var register = _layer.ReceiveRequest(Request("REGISTER", "z9hG4bKsame"), Ue);
        var options = _layer.ReceiveRequest(Request("OPTIONS", "z9hG4bKsame"), Ue);
        var otherHost = _layer.ReceiveRequest(
            SipTransactionMessage.Request("REGISTER", "z9hG4bKsame", "10.0.0.9:5060", "REGISTER", Bytes("x")), Ue);

        Assert.AreEqual(ServerRequestDisposition.NewTransaction, register.Disposition);
        Assert.AreEqual(ServerRequestDisposition.NewTransaction, options.Disposition);
        Assert.AreEqual(ServerRequestDisposition.NewTransaction, otherHost.Disposition);
        Assert.AreEqual(3, _layer.ServerTransactionCount);
    }

    [TestMethod]
    public void AReusedClientBranchIsAProgrammingError()
    {
        var register = SipTransactionMessage.Request("REGISTER", "z9hG4bKp1", "127.0.0.1:5060", "REGISTER", Bytes("REGISTER"));
        _layer.StartClient(register, NextHop, new RecordingUser());

        Assert.ThrowsExactly<InvalidOperationException>(() => _layer.StartClient(register, NextHop, new RecordingUser()));
    }
}
