using System.Text;
using Ims.Cscf.Dialogs;
using Ims.Events;
using Ims.Sip;

namespace Ims.Cscf.Tests;

/// <summary>
/// A proxy that ends a call itself sends one BYE each way along its own part of the route set
/// (RFC 3261 12.2.1.1), with the dialog's identifiers turned the right way round.
/// </summary>
[TestClass]
public sealed class DialogReleaseTests
{
    private const string Scscf = "sip:scscf.ims.test:6060";

    private static SipMessage Parse(string text) => SipMessage.Parse(Encoding.ASCII.GetBytes(text.ReplaceLineEndings("\r\n"))).Message!;

    private static readonly SipMessage Invite = Parse("""
        INVITE sip:bob@ims.test SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-p
        Via: SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bK-ue
        Max-Forwards: 69
        From: <sip:alice@ims.test>;tag=a1
        To: <sip:bob@ims.test>
        Call-ID: call-1@127.0.0.1
        CSeq: 7 INVITE
        Contact: <sip:alice@127.0.0.1:5071>
        Content-Length: 0


        """);

    // Record-Route as the 2xx carries it: the callee's side on top; one S-CSCF holds both the
    // terminating (upper) and the originating (lower) entry.
    private static readonly SipMessage Ok = Parse("""
        SIP/2.0 200 OK
        Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-p
        Via: SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bK-ue
        Record-Route: <sip:pcscf.ims.test:5060;lr>, <sip:scscf.ims.test:6060;lr>
        Record-Route: <sip:scscf.ims.test:6060;lr>, <sip:pcscf.ims.test:5060;lr>
        From: <sip:alice@ims.test>;tag=a1
        To: <sip:bob@ims.test>;tag=b1
        Call-ID: call-1@127.0.0.1
        CSeq: 7 INVITE
        Contact: <sip:bob@127.0.0.1:5072>
        Content-Length: 0


        """);

    [TestMethod]
    public void TheOriginatingEntryOfANodeServingBothSidesIsTheOneNearerTheCaller()
    {
        var originating = ConfirmedDialog.Of(Invite, Ok, Scscf, "127.0.0.1:6060", originating: true)!;
        var terminating = ConfirmedDialog.Of(Invite, Ok, Scscf, "127.0.0.1:6060", originating: false)!;

        Assert.AreEqual(2, originating.OwnRoute);
        Assert.AreEqual(1, terminating.OwnRoute);
        var readBack = ConfirmedDialog.FromJson(originating.ToJson())!;
        Assert.AreEqual(originating with { RecordRoute = readBack.RecordRoute }, readBack, "kept in a table row and read back");
        CollectionAssert.AreEqual(originating.RecordRoute.ToArray(), readBack.RecordRoute.ToArray());
        Assert.IsNull(ConfirmedDialog.FromJson("{broken"));
    }

    [TestMethod]
    public void ByesGoEachWayAlongTheirPartOfTheRouteSetWithTheDialogTurnedRound()
    {
        var dialog = ConfirmedDialog.Of(Invite, Ok, Scscf, "127.0.0.1:6060", originating: true)!;

        var commands = DialogRelease.Commands(dialog, ImsRole.Scscf, 503, "credit exhausted");

        Assert.HasCount(2, commands);
        var toCallee = (SendSipRequest)commands[0].Message;
        var toCaller = (SendSipRequest)commands[1].Message;
        var calleeBye = SipMessage.Parse(toCallee.Message).Message!;
        var callerBye = SipMessage.Parse(toCaller.Message).Message!;

        // Towards bob: through the terminating S-CSCF entry and his P-CSCF, nearest first.
        Assert.AreEqual("sip:bob@127.0.0.1:5072", calleeBye.RequestUriText);
        CollectionAssert.AreEqual(new[] { "sip:scscf.ims.test:6060;lr", "sip:pcscf.ims.test:5060;lr" }, calleeBye.Routes.Select(r => r.Uri.Text).ToArray());
        Assert.AreEqual("sip:scscf.ims.test:6060;lr", toCallee.NextHop);
        Assert.AreEqual("a1", calleeBye.From!.Tag);
        Assert.AreEqual("b1", calleeBye.To!.Tag);
        Assert.AreEqual(8, calleeBye.CSeq!.Number);

        // Towards alice: through her P-CSCF only, as if from bob.
        Assert.AreEqual("sip:alice@127.0.0.1:5071", callerBye.RequestUriText);
        CollectionAssert.AreEqual(new[] { "sip:pcscf.ims.test:5060;lr" }, callerBye.Routes.Select(r => r.Uri.Text).ToArray());
        Assert.AreEqual("b1", callerBye.From!.Tag);
        Assert.AreEqual("a1", callerBye.To!.Tag);

        Assert.AreEqual(ImsRole.Scscf, toCaller.Role);
        Assert.AreEqual("call-1@127.0.0.1", callerBye.CallId);
        Assert.AreNotEqual(calleeBye.TopVia!.Branch, callerBye.TopVia!.Branch);
        StringAssert.StartsWith(calleeBye.TopVia.Branch, "z9hG4bK");
        Assert.Contains("Reason: SIP;cause=503;text=\"credit exhausted\"\r\n", Encoding.ASCII.GetString(toCallee.Message));
        Assert.IsTrue(SipMessage.Parse(toCaller.Message).IsValid);
    }

    [TestMethod]
    public void ANodeAtTheEndOfTheRouteSetSendsStraightToTheUsersContact()
    {
        var dialog = ConfirmedDialog.Of(Invite, Ok, "sip:pcscf.ims.test:5060", "127.0.0.1:5060", originating: true)!;

        var toCaller = (SendSipRequest)DialogRelease.Commands(dialog, ImsRole.Pcscf, 503, "bearer lost")[1].Message;

        Assert.AreEqual("sip:alice@127.0.0.1:5071", toCaller.NextHop);
        Assert.IsEmpty(SipMessage.Parse(toCaller.Message).Message!.Routes);
    }

    [TestMethod]
    public void A2xxWithoutAToTagOrWithoutThisProxysEntryMakesNoDialog()
    {
        Assert.IsNull(ConfirmedDialog.Of(Invite, Invite, Scscf, "127.0.0.1:6060", originating: true));
        Assert.IsNull(ConfirmedDialog.Of(Invite, Ok, "sip:other.ims.test:7060", "127.0.0.1:7060", originating: true));
    }
}
