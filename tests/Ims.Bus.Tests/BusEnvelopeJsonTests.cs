using System.Text;
using Ims.Events;

namespace Ims.Bus.Tests;

[TestClass]
public sealed class BusEnvelopeJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    public static IEnumerable<object[]> Messages() =>
    [
        [new SipRequestReceived(ImsRole.Pcscf, "z9hG4bK1", SipTransport.Udp, "127.0.0.1:5070", "127.0.0.1:5060", [1, 2, 3]), "sip.request.received"],
        [new SipResponseReceived(ImsRole.Scscf, "z9hG4bK2", [4]), "sip.response.received"],
        [new DiameterRequestReceived(ImsRole.Hss, "scscf.ims.example", [5, 6]), "diameter.request.received"],
        [new DiameterAnswerReceived(null, DiameterDeliveryFailure.Timeout), "diameter.answer.received"],
        [new TimerFired("reg:alice", "{}"), "timer.fired"],
        [new PolicyReleaseRequested("sip:alice@ims.example", PolicyRelease.AbortSession, 2), "policy.release.requested"],
        [new PolicyReleaseRequested("tel:+15550100", PolicyRelease.LossOfBearer), "policy.release.requested"],
        [new SendSipResponse("z9hG4bK1", [7]), "sip.response.send"],
        [new ForwardSipRequest("z9hG4bK1", [8], "sip:icscf.ims.example:4060"), "sip.request.forward"],
        [new SendSipRequest(ImsRole.Scscf, [9], "127.0.0.1:5060"), "sip.request.send"],
        [new SendDiameterRequest([9]), "diameter.request.send"],
        [new SendDiameterAnswer("scscf.ims.example", [10]), "diameter.answer.send"],
        [new ScheduleTimer("reg:alice", At.AddSeconds(600), "{\"impu\":\"sip:alice@x\"}"), "timer.schedule"],
        [new CancelTimer("reg:alice"), "timer.cancel"],
    ];

    [TestMethod]
    [DynamicData(nameof(Messages))]
    public void EveryMessageRoundTripsWithItsStableTypeName(BusMessage message, string typeName)
    {
        var envelope = new BusEnvelope("evt-1", At, "edge-a", "alice@ims.example", "call-1", message, new Continuation("scscf.register", "mar", "{\"n\":1}"));

        var json = BusEnvelopeJson.Serialize(envelope);
        var back = BusEnvelopeJson.Deserialize(json, out var error);

        Assert.IsNull(error);
        Assert.IsNotNull(back);
        Assert.AreEqual(typeName, back.Type);
        StringAssert.Contains(Encoding.UTF8.GetString(json), $"\"type\":\"{typeName}\"");
        Assert.AreEqual(envelope with { Message = back.Message }, back);
        Assert.AreEqual(message.GetType(), back.Message.GetType());
        // Records compare byte[] by reference: compare the serialised forms for the payload.
        CollectionAssert.AreEqual(json, BusEnvelopeJson.Serialize(back));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("{")]
    [DataRow("null")]
    [DataRow("{\"id\":\"x\",\"message\":{\"type\":\"no.such.type\"}}")]
    [DataRow("{\"not\":\"an envelope\"}")]
    [DataRow("{\"id\":\"x\",\"edgeId\":\"e\",\"partitionKey\":\"p\",\"correlation\":\"c\"}")]
    [DataRow("{\"id\":\"\",\"edgeId\":\"e\",\"partitionKey\":\"p\",\"correlation\":\"c\",\"message\":{\"type\":\"timer.cancel\",\"timerId\":\"t\"}}")]
    public void MalformedEnvelopeIsReportedNotThrown(string json)
    {
        var envelope = BusEnvelopeJson.Deserialize(Encoding.UTF8.GetBytes(json), out var error);

        Assert.IsNull(envelope);
        Assert.IsFalse(string.IsNullOrEmpty(error));
    }
}
