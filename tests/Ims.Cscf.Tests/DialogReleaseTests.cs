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

    private static SipMessage InDialog(string method, long cseq, bool fromCaller, string? contact = null, string calleeTag = "b1") => Parse($"""
        {method} sip:someone@127.0.0.1 SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-{method}{cseq}
        Max-Forwards: 70
        From: {(fromCaller ? "<sip:alice@ims.test>;tag=a1" : $"<sip:bob@ims.test>;tag={calleeTag}")}
        To: {(fromCaller ? $"<sip:bob@ims.test>;tag={calleeTag}" : "<sip:alice@ims.test>;tag=a1")}
        Call-ID: call-1@127.0.0.1
        CSeq: {cseq} {method}
        {(contact is null ? "X-None: -" : $"Contact: <{contact}>")}
        Content-Length: 0


        """);

    private static (SipMessage ToCallee, SipMessage ToCaller) Release(ConfirmedDialog dialog)
    {
        var commands = DialogRelease.Commands(dialog, ImsRole.Scscf, 402, "credit exhausted");
        return (SipMessage.Parse(((SendSipRequest)commands[0].Message).Message).Message!, SipMessage.Parse(((SendSipRequest)commands[1].Message).Message).Message!);
    }

    [TestMethod]
    public void EachByeGoesOnPastTheHighestCSeqItsSenderUsedInTheDialog()
    {
        var dialog = ConfirmedDialog.Of(Invite, Ok, Scscf, "127.0.0.1:6060", originating: true)!;

        var callerReInvite = dialog.Refreshed(InDialog("INVITE", 12, fromCaller: true));
        var calleeUpdate = callerReInvite.Refreshed(InDialog("UPDATE", 9, fromCaller: false));
        var late = calleeUpdate.Refreshed(InDialog("INFO", 3, fromCaller: false)).Refreshed(InDialog("INFO", 10, fromCaller: true));

        Assert.AreEqual(13, Release(callerReInvite).ToCallee.CSeq!.Number);
        Assert.AreEqual(8, Release(callerReInvite).ToCaller.CSeq!.Number, "the callee sent nothing: the INVITE's plus one, taken by a UA with no remote CSeq");
        Assert.AreEqual(10, Release(calleeUpdate).ToCaller.CSeq!.Number);
        Assert.AreSame(calleeUpdate, late, "lower numbers (late or reordered requests) change nothing");
        Assert.AreSame(dialog, dialog.Refreshed(InDialog("ACK", 7, fromCaller: true)).Refreshed(InDialog("BYE", 20, fromCaller: true)).Refreshed(InDialog("CANCEL", 20, fromCaller: true)));
        Assert.AreSame(dialog, dialog.Refreshed(Invite), "the initial INVITE (no To tag) is no request of the dialog");
        Assert.AreSame(dialog, dialog.Refreshed(InDialog("INFO", 30, fromCaller: true, calleeTag: "b2")), "another fork's dialog has another To tag");
    }

    [TestMethod]
    public void ATargetRefreshMovesItsSendersContact_AndIts2xxTheOtherSides()
    {
        var dialog = ConfirmedDialog.Of(Invite, Ok, Scscf, "127.0.0.1:6060", originating: true)!;
        var reInvite = InDialog("INVITE", 8, fromCaller: true, contact: "sip:alice@127.0.0.1:5099");
        var ok = Parse("""
            SIP/2.0 200 OK
            Via: SIP/2.0/UDP 127.0.0.1:5080;branch=z9hG4bK-INVITE8
            From: <sip:alice@ims.test>;tag=a1
            To: <sip:bob@ims.test>;tag=b1
            Call-ID: call-1@127.0.0.1
            CSeq: 8 INVITE
            Contact: <sip:bob@127.0.0.1:5098>
            Content-Length: 0


            """);

        var sent = dialog.Refreshed(reInvite);
        var answered = sent.Answered(reInvite, ok);

        Assert.AreEqual("sip:alice@127.0.0.1:5099", Release(sent).ToCaller.RequestUriText);
        Assert.AreEqual("sip:bob@127.0.0.1:5072", Release(sent).ToCallee.RequestUriText, "until the 2xx, bob's contact stands");
        Assert.AreEqual("sip:bob@127.0.0.1:5098", Release(answered).ToCallee.RequestUriText);
        Assert.AreSame(answered, answered.Answered(reInvite, ok), "a retransmitted 2xx changes nothing");
        Assert.AreEqual(answered, dialog.Answered(reInvite, ok), "the 2xx alone counts its request too");
        var info = InDialog("INFO", 9, fromCaller: true, contact: "sip:alice@127.0.0.1:6000");
        Assert.AreEqual("sip:alice@127.0.0.1:5099", answered.Refreshed(info).CallerContact, "INFO refreshes no target (RFC 6086)");
    }

    [TestMethod]
    public void ARowKeptBeforeTheCSeqsWereKnown_ReadsBackAndReleasesAsBefore()
    {
        const string old = """{"callId":"call-1@127.0.0.1","callerFrom":"<sip:alice@ims.test>;tag=a1","calleeTo":"<sip:bob@ims.test>;tag=b1","callerContact":"sip:alice@127.0.0.1:5071","calleeContact":"sip:bob@127.0.0.1:5072","recordRoute":["<sip:pcscf.ims.test:5060;lr>","<sip:scscf.ims.test:6060;lr>","<sip:scscf.ims.test:6060;lr>","<sip:pcscf.ims.test:5060;lr>"],"ownRoute":2,"inviteCSeq":7,"local":"127.0.0.1:6060"}""";

        var dialog = ConfirmedDialog.FromJson(old);

        Assert.IsNotNull(dialog);
        Assert.IsNull(dialog.CallerCSeq);
        Assert.IsNull(dialog.CalleeCSeq);
        var (toCallee, toCaller) = Release(dialog);
        Assert.AreEqual(8, toCallee.CSeq!.Number);
        Assert.AreEqual(8, toCaller.CSeq!.Number);
        Assert.AreEqual("sip:bob@127.0.0.1:5072", toCallee.RequestUriText);
        var fresh = ConfirmedDialog.Of(Invite, Ok, Scscf, "127.0.0.1:6060", originating: true)!;
        Assert.AreEqual(fresh with { RecordRoute = dialog.RecordRoute }, dialog, "the same dialog as a 2xx makes today");
        Assert.DoesNotContain("CSeq\":", fresh.ToJson().Replace("\"inviteCSeq\":", string.Empty, StringComparison.Ordinal), "a dialog no request refreshed is written as before");
    }
}
