using Ims.Cscf.Tests.Kit;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;

namespace Ims.Cscf.Tests;

/// <summary>
/// The dialog the P-CSCF keeps for a release ordered by the PCRF follows the call's in-dialog
/// requests: each BYE goes on in its sender's CSeq space (RFC 3261 12.2.1.1, 12.2.2) and to the
/// contact the last target refresh left (RFC 3261 12.2.1.2, RFC 3311 5.1).
/// </summary>
public sealed partial class PcscfPolicyTests
{
    [TestMethod]
    public async Task AfterTheCallersReInviteWithANewContact_TheReleaseByesCarryItsCSeqOnAndGoToTheNewContacts()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (_, aar) = await ConfirmedAsync(net, ue);
        // alice moves (a new Contact) without a new offer; bob's 200 names his new contact.
        var reinvite = Message(
            "INVITE sip:bob@10.0.0.2:5062 SIP/2.0",
            [$"Via: SIP/2.0/UDP {ue.Source};branch=z9hG4bKre5", "Route: <sip:pcscf.ims.example:5060;lr>, <sip:scscf.ims.example:6060;lr>", "Contact: <sip:alice@10.0.0.1:5099>"],
            null,
            to: "<sip:bob@ims.example>;tag=b1",
            cseq: "5 INVITE");

        var forward = Assert.ContainsSingle((await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "re5-tx", ue.Source, ImsNetwork.PcscfLocal, reinvite, T.AddSeconds(20)))).Commands);
        Assert.AreEqual("rx-target", forward.Continuation?.Step);
        var ok = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "re5-tx", Reply((ForwardSipRequest)forward.Message, 200, "OK", null, contact: "sip:bob@10.0.0.2:5070"), forward.Continuation, T.AddSeconds(21)));
        Assert.AreEqual(200, SipWire.Parse(ok.Single<SendSipResponse>().Message).StatusCode);
        Assert.IsFalse(ok.Commands.Any(c => c.Message is SendDiameterRequest), "no new media: nothing for the PCRF");

        var released = await ImsNetwork.RunAsync(net.Pcscf, PcrfEnvelope(net, PcrfRequest(DiameterCommands.AbortSessionRx, aar.SessionId!, b => b.Add(Avps.AbortCause, 0u))));

        var (toCallee, toCaller) = Byes(released);
        Assert.AreEqual(6, toCallee.CSeq!.Number, "past alice's re-INVITE 5, or bob's UA answers 500");
        Assert.AreEqual("sip:bob@10.0.0.2:5070", toCallee.RequestUriText, "bob's contact from the re-INVITE's 200");
        Assert.AreEqual(2, toCaller.CSeq!.Number, "bob sent nothing: the INVITE's plus one, as before");
        Assert.AreEqual("sip:alice@10.0.0.1:5099", toCaller.RequestUriText, "alice's contact from her re-INVITE");
    }

    [TestMethod]
    public async Task AfterTheCalleesUpdate_TheReleaseByeTowardsTheCallerCarriesItsCSeqOn()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (_, aar) = await ConfirmedAsync(net, ue);
        // bob refreshes the session with UPDATE 9 from a new contact, through the core towards alice.
        var update = Message(
            $"UPDATE {ue.Contact} SIP/2.0",
            ["Via: SIP/2.0/UDP 10.1.0.3:6060;branch=z9hG4bKbobupd9", "Via: SIP/2.0/UDP 10.0.0.2:5070;branch=z9hG4bKbobupd", "Route: <sip:pcscf.ims.example:5060;lr>", "Contact: <sip:bob@10.0.0.2:5070>"],
            null,
            from: "<sip:bob@ims.example>;tag=b1",
            to: "<sip:alice@ims.example>;tag=a1",
            cseq: "9 UPDATE");

        var forward = Assert.ContainsSingle((await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "upd9-tx", ImsNetwork.ScscfLocal, ImsNetwork.PcscfLocal, update, T.AddSeconds(20)))).Commands);
        Assert.AreEqual(ue.Contact, ((ForwardSipRequest)forward.Message).NextHop);
        Assert.AreEqual("rx-target", forward.Continuation?.Step);
        await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "upd9-tx", Reply((ForwardSipRequest)forward.Message, 200, "OK", null, contact: "sip:alice@10.0.0.1:5098"), forward.Continuation, T.AddSeconds(21)));

        var released = await ImsNetwork.RunAsync(net.Pcscf, PcrfEnvelope(net, PcrfRequest(DiameterCommands.ReAuthRx, aar.SessionId!, b => b.Add(Avps.SpecificAction, 2u))));

        var (toCallee, toCaller) = Byes(released);
        Assert.AreEqual(10, toCaller.CSeq!.Number, "past bob's UPDATE 9, which alice's UA now holds as his remote CSeq");
        Assert.AreEqual("sip:alice@10.0.0.1:5098", toCaller.RequestUriText, "alice's contact from the UPDATE's 200");
        Assert.AreEqual(2, toCallee.CSeq!.Number, "alice sent nothing since her INVITE 1");
        Assert.AreEqual("sip:bob@10.0.0.2:5070", toCallee.RequestUriText, "bob's contact from his UPDATE");
    }

    [TestMethod]
    public async Task AnInDialogRequestThatChangesNothing_WritesNoRow()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        await ConfirmedAsync(net, ue);
        var before = (await RowAsync(net, "orig"))!.ETag;

        var info = Assert.ContainsSingle((await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "info-tx", ue.Source, ImsNetwork.PcscfLocal, InDialog(ue, "INFO", null, cseq: "3 INFO"), T.AddSeconds(20)))).Commands);
        Assert.AreEqual("relay", info.Continuation?.Step, "INFO refreshes no target: its response needs nothing");
        var counted = (await RowAsync(net, "orig"))!.ETag;
        Assert.AreNotEqual(before, counted, "alice's CSeq 3 is kept");

        await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "info-tx", ue.Source, ImsNetwork.PcscfLocal, InDialog(ue, "INFO", null, cseq: "3 INFO"), T.AddSeconds(21)));
        await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "ack-tx", ue.Source, ImsNetwork.PcscfLocal, InDialog(ue, "ACK", null, cseq: "1 ACK"), T.AddSeconds(22)));
        Assert.AreEqual(counted, (await RowAsync(net, "orig"))!.ETag, "a retransmission and an ACK change nothing, so nothing is written");
    }

    /// <summary>The two release BYEs: towards bob (To tag b1) and towards alice (To tag a1).</summary>
    private static (SipMessage ToCallee, SipMessage ToCaller) Byes(FunctionOutcome outcome)
    {
        var byes = outcome.Commands.Select(c => c.Message).OfType<SendSipRequest>().Select(s => SipWire.Parse(s.Message)).ToList();
        Assert.HasCount(2, byes);
        Assert.IsTrue(byes.All(b => b.Method == "BYE"));
        return (byes.Single(b => b.To?.Tag == "b1"), byes.Single(b => b.To?.Tag == "a1"));
    }
}
