using Ims.Diameter.Dictionary;
using Ims.EventLog;
using Ims.Events;
using Ims.Replay.Recorded;
using Ims.Replay.Selection;
using Ims.Replay.Tests.Support;

namespace Ims.Replay.Tests.Selection;

/// <summary>Picking one call or one registration out of a log full of others.</summary>
[TestClass]
public sealed class FlowSelectionTests
{
    private const string Alice = "alice@" + RecordedFlows.Domain;

    [TestMethod]
    public void ACallIdBringsItsTransactionsAndTheirDiameterSessions()
    {
        var steps = Steps(
            // The INVITE's function sent a LIR (same transaction); the LIA came back on its Session-Id only.
            (Event("e1", Invite("call-1"), "tx1", 0), [Command("c1", new SendDiameterRequest(RecordedFlows.Cx(DiameterCommands.LocationInfo, "icscf;lir;1")), "tx1")]),
            (Event("e2", new DiameterAnswerReceived(RecordedFlows.Cx(DiameterCommands.LocationInfo, "icscf;lir;1"), null), "lia", 1), []),
            (Event("e3", Invite("call-2"), "tx2", 2), []),
            (Event("e4", new SipRequestReceived(ImsRole.Pcscf, "tx3", SipTransport.Udp, "127.0.0.1:5070", "127.0.0.1:5060", RecordedFlows.Bye("call-1")), "tx3", 3), []));

        var chosen = FlowSelection.Select(steps, new FlowFilter(CallId: "call-1"));

        CollectionAssert.AreEqual(new[] { "e1", "e2", "e4" }, chosen.Select(s => s.Event.Id).ToArray());
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, chosen.Select(s => s.Number).ToArray());
    }

    [TestMethod]
    public void AnImpiBringsItsRegisterAndTheCxRequestsNamingIt()
    {
        var steps = Steps(
            (Event("e1", new SipRequestReceived(ImsRole.Scscf, "tx1", SipTransport.Udp, "127.0.0.1:4060", "127.0.0.1:6060", RecordedFlows.Register("reg-1", Alice)), "tx1", 0),
                [Command("c1", new SendDiameterRequest(RecordedFlows.Cx(DiameterCommands.MultimediaAuth, "scscf;mar;1", Alice)), "tx1")]),
            (Event("e2", new DiameterAnswerReceived(RecordedFlows.Cx(DiameterCommands.MultimediaAuth, "scscf;mar;1"), null), "maa", 1), []),
            (Event("e3", new SipRequestReceived(ImsRole.Scscf, "tx2", SipTransport.Udp, "127.0.0.1:4060", "127.0.0.1:6060", RecordedFlows.Register("reg-2", "bob@" + RecordedFlows.Domain)), "tx2", 2), []));

        var chosen = FlowSelection.Select(steps, new FlowFilter(Impi: "ALICE@" + RecordedFlows.Domain));

        CollectionAssert.AreEqual(new[] { "e1", "e2" }, chosen.Select(s => s.Event.Id).ToArray());
    }

    [TestMethod]
    public void ATimeWindowKeepsOnlyTheStepsInsideIt()
    {
        var steps = Steps(
            (Event("e1", Invite("call-1"), "tx1", 0), []),
            (Event("e2", Invite("call-2"), "tx2", 30), []),
            (Event("e3", Invite("call-3"), "tx3", 90), []));

        var chosen = FlowSelection.Select(steps, new FlowFilter(From: RecordedFlows.At.AddSeconds(10), To: RecordedFlows.At.AddSeconds(60)));

        CollectionAssert.AreEqual(new[] { "e2" }, chosen.Select(s => s.Event.Id).ToArray());
        Assert.AreEqual(1, chosen[0].Number);
    }

    [TestMethod]
    public void ABearerReleaseTheCoreSentItselfBelongsToTheCall()
    {
        // A BYE the S-CSCF or P-CSCF originates (credit gone, bearer lost) travels as SendSipRequest.
        var steps = Steps(
            (Event("e1", Invite("call-1"), "tx1", 0), []),
            (Event("e2", new TimerFired("scscf-ro|call-1", "{}"), "timer", 5), [Command("c2", new SendSipRequest(ImsRole.Scscf, RecordedFlows.Bye("call-1"), "sip:alice@127.0.0.1:5070"), "timer")]),
            (Event("e3", Invite("call-2"), "tx2", 6), []));

        var chosen = FlowSelection.Select(steps, new FlowFilter(CallId: "call-1"));

        CollectionAssert.AreEqual(new[] { "e1", "e2" }, chosen.Select(s => s.Event.Id).ToArray());
    }

    [TestMethod]
    public void AnOperatorReleaseJoinsTheCallWhoseRxSessionItsAsrNames()
    {
        // `ims policy release` carries an IMPU, not a Call-ID: it joins the call through the ASR the PCRF
        // sent on the Rx session that the call's AAR opened.
        const string Rx = "pcscf.ims;1;2;orig";
        var steps = Steps(
            (Event("e1", Invite("call-1"), "tx1", 0), [Command("c1", new SendDiameterRequest(RecordedFlows.Cx(DiameterCommands.AaRx, Rx)), "tx1")]),
            (Event("e2", new DiameterRequestReceived(ImsRole.Pcrf, "peer", RecordedFlows.Cx(DiameterCommands.AaRx, Rx)), "aar", 1), []),
            (Event("e3", new PolicyReleaseRequested("sip:alice@" + RecordedFlows.Domain, PolicyRelease.AbortSession), "op", 5),
                [Command("c3", new SendDiameterRequest(RecordedFlows.Cx(DiameterCommands.AbortSessionRx, Rx)), "op")]),
            (Event("e4", new PolicyReleaseRequested("sip:bob@" + RecordedFlows.Domain, PolicyRelease.AbortSession), "op2", 6), []));

        var chosen = FlowSelection.Select(steps, new FlowFilter(CallId: "call-1"));

        CollectionAssert.AreEqual(new[] { "e1", "e2", "e3" }, chosen.Select(s => s.Event.Id).ToArray());
    }

    private static SipRequestReceived Invite(string callId) =>
        new(ImsRole.Pcscf, "tx-" + callId, SipTransport.Udp, "127.0.0.1:5070", "127.0.0.1:5060", RecordedFlows.Invite(callId));

    private static BusEnvelope Event(string id, BusMessage message, string correlation, int second) => RecordedFlows.Envelope(id, message, correlation, second);

    private static BusEnvelope Command(string id, BusMessage message, string correlation) => RecordedFlows.Envelope(id, message, correlation);

    private static List<RecordedStep> Steps(params (BusEnvelope Event, BusEnvelope[] Commands)[] steps) =>
        [.. steps.Select((s, i) => new RecordedStep(i + 1, s.Event, false, new FunctionDecision(s.Event.Id, s.Event.Time, "f", "decided", [.. s.Commands.Select(c => c.Id)]), s.Commands, "log@" + i))];
}
