using Ims.Cscf.Tests.Kit;
using Ims.Events;
using Ims.Sip;

namespace Ims.Cscf.Tests;

/// <summary>
/// The dialog the S-CSCF keeps for releasing a call whose credit is gone follows the in-dialog
/// requests that pass it: each BYE goes on in its sender's CSeq space (RFC 3261 12.2.2) and to the
/// contact the last target refresh left (RFC 3261 12.2.1.2, RFC 3311 5.1).
/// </summary>
public sealed partial class ScscfChargingTests
{
    [TestMethod]
    public async Task AfterAReInviteAndAnUpdate_TheCreditReleaseByesCarryEachSidesCSeqOnToTheNewContacts()
    {
        using var net = await WithAliceAsync();
        var (forward, _) = await GrantedAsync(net, "call-20");
        var answered = await Run(net, net.Response(ImsRole.Scscf, "s-call-20", Ok(forward), forward.Continuation, T));
        var timer = answered.Single<ScheduleTimer>();

        // alice's re-INVITE 5 from a new contact; bob's 200 names his new one.
        var reinvite = await Run(net, InDialog("call-20", "s-re-call-20", ImsNetwork.PcscfLocal, "INVITE sip:bob@10.0.0.2:5061", "<sip:alice@ims.example>;tag=acall-20", "<sip:bob@ims.example>;tag=b1", "5 INVITE", "sip:alice@10.0.0.1:5099"));
        var forwarded = reinvite.Commands.Single(c => c.Message is ForwardSipRequest);
        var ok = new Ims.Sip.Building.SipResponseBuilder(SipWire.Parse(((ForwardSipRequest)forwarded.Message).Message), 200, "OK").Add("Contact", "<sip:bob@10.0.0.2:5070>").ToArray();
        var relayed = await Run(net, net.Response(ImsRole.Scscf, "s-re-call-20", ok, forwarded.Continuation, T.AddSeconds(1)));
        Assert.AreEqual(200, SipWire.Parse(relayed.Single<SendSipResponse>().Message).StatusCode);
        Assert.IsEmpty(relayed.Commands.Select(c => c.Message).OfType<ScheduleTimer>(), "a re-INVITE's 2xx starts no charging");

        // bob's UPDATE 9 towards alice's new contact.
        var update = await Run(net, InDialog("call-20", "s-upd-call-20", "10.1.0.2:4060", "UPDATE sip:alice@10.0.0.1:5099", "<sip:bob@ims.example>;tag=b1", "<sip:alice@ims.example>;tag=acall-20", "9 UPDATE", "sip:bob@10.0.0.2:5070"));
        Assert.AreEqual("UPDATE", SipWire.Parse(update.Single<ForwardSipRequest>().Message).Method);
        Assert.IsEmpty(update.Commands.Select(c => c.Message).OfType<SendDiameterRequest>(), "only a BYE ends the charging");

        var ccru = (await Run(net, net.Timer(timer, timer.Due))).Commands.Single();
        var cut = await Run(net, Answer(net, ccru, 4012, at: timer.Due.AddSeconds(1)));

        var byes = cut.Commands.Select(c => c.Message).OfType<SendSipRequest>().Select(b => SipWire.Parse(b.Message)).ToList();
        Assert.HasCount(2, byes);
        var toCallee = byes.Single(b => b.To?.Tag == "b1");
        var toCaller = byes.Single(b => b.To?.Tag == "acall-20");
        Assert.AreEqual(6, toCallee.CSeq!.Number, "past alice's re-INVITE 5");
        Assert.AreEqual("sip:bob@10.0.0.2:5070", toCallee.RequestUriText, "bob's contact from the re-INVITE's 200");
        Assert.AreEqual(10, toCaller.CSeq!.Number, "past bob's UPDATE 9");
        Assert.AreEqual("sip:alice@10.0.0.1:5099", toCaller.RequestUriText, "alice's contact from her re-INVITE");
    }

    /// <summary>An in-dialog request along the route set to the S-CSCF's Record-Route entry, without a body.</summary>
    private static BusEnvelope InDialog(string callId, string transactionId, string source, string requestLine, string from, string to, string cseq, string contact) =>
        Envelope(callId, transactionId, source, $"""
            {requestLine} SIP/2.0
            Via: SIP/2.0/UDP {source};branch=z9hG4bK{transactionId}
            Max-Forwards: 69
            Route: <sip:scscf.ims.example:6060;lr>, <sip:pcscf.ims.example:5060;lr>
            From: {from}
            To: {to}
            Call-ID: {callId}
            CSeq: {cseq}
            Contact: <{contact}>
            Content-Length: 0


            """);
}
