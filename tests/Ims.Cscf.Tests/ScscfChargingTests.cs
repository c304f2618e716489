using System.Text;
using Ims.Cscf.Charging;
using Ims.Cscf.Tests.Kit;
using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;

namespace Ims.Cscf.Tests;

/// <summary>
/// Online charging at the originating S-CSCF (TS 32.299 6.4.2, RFC 4006 SCUR): the CCR-I and what
/// its answer decides, the CCR-U on the re-authorisation timer, the release when credit ends, and
/// CCR-T at BYE or a failed setup. Every CCR is decoded from the command's bytes.
/// </summary>
[TestClass]
public sealed partial class ScscfChargingTests
{
    private static readonly DateTimeOffset T = ImsNetwork.T0;

    private static ImsNetwork Network(uint failureHandling = RoValues.FailureHandlingTerminate) => new(ImsNetwork.DefaultOptions with
    {
        OcsHost = "ocs.ims.example",
        Charging = new RoChargingOptions { Online = true, RequestedSeconds = 30, FailureHandling = failureHandling },
    });

    private static async Task<ImsNetwork> WithAliceAsync(uint failureHandling = RoValues.FailureHandlingTerminate)
    {
        var net = Network(failureHandling);
        await net.ProvisionAsync(Ue.Alice());
        using var alice = new Ue();
        await net.RegisterAkaAsync(alice, T);
        return net;
    }

    [TestMethod]
    public async Task OriginatingInvite_WaitsForACcrInitial_CarryingWhoCallsWhomTheIcidAndTheTimeAsked()
    {
        using var net = await WithAliceAsync();

        var outcome = await Run(net, Originating("call-1"));

        var command = outcome.Commands.Single();
        Assert.AreEqual("cca-i", command.Continuation!.Step);
        var ccr = net.Decode(command);
        Assert.AreEqual(DiameterCommands.CreditControlRo.Code, ccr.CommandCode);
        Assert.AreEqual(DiameterApplicationId.CreditControl.Value, ccr.ApplicationId);
        Assert.AreEqual(RoValues.Initial, ccr.GetUnsigned32(Avps.CcRequestType));
        Assert.AreEqual(0u, ccr.GetUnsigned32(Avps.CcRequestNumber));
        Assert.AreEqual("ocs.ims.example", ccr.GetString(Avps.DestinationHost));
        Assert.AreEqual("scscf.ims.example", ccr.GetString(Avps.OriginHost));
        StringAssert.StartsWith(ccr.SessionId, "scscf.ims.example;");
        Assert.AreEqual("sip:alice@ims.example", ccr.Find(Avps.SubscriptionId)!.Find(Avps.SubscriptionIdData.Code)!.GetString());
        Assert.AreEqual(30u, Time(ccr, Avps.RequestedServiceUnit));
        Assert.IsNull(Time(ccr, Avps.UsedServiceUnit));
        var ims = ImsInfo(ccr);
        Assert.AreEqual("sip:alice@ims.example", Text(ims, Avps.CallingPartyAddress));
        Assert.AreEqual("sip:bob@ims.example", Text(ims, Avps.CalledPartyAddress));
        Assert.AreEqual("icid-call-1", Text(ims, Avps.ImsChargingIdentifier));
        Assert.AreEqual("call-1", Text(ims, Avps.UserSessionId));
        Assert.AreEqual(RoValues.NodeScscf, Unsigned(ims, Avps.NodeFunctionality));
        Assert.AreEqual(RoValues.OriginatingRole, Unsigned(ims, Avps.RoleOfNode));
        Assert.AreEqual("ims.example", Text(ims.Find(Avps.InterOperatorIdentifier.Code, Avps.InterOperatorIdentifier.VendorId)!, Avps.OriginatingIoi));

        // Replay: the same call asks with the same Session-Id.
        var again = net.Decode((await Run(net, Originating("call-1"))).Commands.Single());
        Assert.AreEqual(ccr.SessionId, again.SessionId);
    }

    [TestMethod]
    public async Task Grant_LetsTheCallProceedToTheIcscf()
    {
        using var net = await WithAliceAsync();
        var ccr = (await Run(net, Originating("call-2"))).Commands.Single();

        var proceeds = await Run(net, Answer(net, ccr, 2001, granted: 30));

        var forward = proceeds.Single<ForwardSipRequest>();
        Assert.AreEqual(ImsNetwork.IcscfUri, forward.NextHop);
        StringAssert.Contains(proceeds.Decision, "granted 30 s");
        Assert.AreEqual("scscf.ims.example", SipWire.Parse(forward.Message).RecordRoutes[0].Uri.Host);
    }

    [TestMethod]
    public async Task CreditLimitReached_Is402PaymentRequired()
    {
        using var net = await WithAliceAsync();
        var ccr = (await Run(net, Originating("call-3"))).Commands.Single();

        var refused = await Run(net, Answer(net, ccr, 4012));

        var response = SipWire.Parse(refused.Single<SendSipResponse>().Message);
        Assert.AreEqual(402, response.StatusCode);
        Assert.AreEqual("Payment Required", response.ReasonPhrase);
        Assert.IsEmpty(refused.Commands.Select(c => c.Message).OfType<ForwardSipRequest>());
    }

    [TestMethod]
    public async Task OtherFailure_WithTerminate_Refuses403_AndAnUnreachableOcs503()
    {
        using var net = await WithAliceAsync();
        var first = (await Run(net, Originating("call-4"))).Commands.Single();
        var second = (await Run(net, Originating("call-5"))).Commands.Single();

        var unknown = await Run(net, Answer(net, first, 5030));
        var silent = await Run(net, net.Failure(second, DiameterDeliveryFailure.Timeout, T));

        var refused = SipWire.Parse(unknown.Single<SendSipResponse>().Message);
        Assert.AreEqual(403, refused.StatusCode);
        StringAssert.Contains(refused.ReasonPhrase, "5030");
        StringAssert.Contains(unknown.Decision, "CCFH TERMINATE");
        var unreachable = SipWire.Parse(silent.Single<SendSipResponse>().Message);
        Assert.AreEqual(503, unreachable.StatusCode);
        StringAssert.Contains(silent.Decision, "OCS timeout");
    }

    [TestMethod]
    public async Task CcfhContinue_FromTheAnswerOrTheSetting_LetsTheCallGoOnUncharged()
    {
        using var net = await WithAliceAsync();
        var ccr = (await Run(net, Originating("call-6"))).Commands.Single();
        using var lenient = await WithAliceAsync(RoValues.FailureHandlingContinue);
        var lenientCcr = (await Run(lenient, Originating("call-7"))).Commands.Single();

        // The CCA's own CCFH wins over the configured TERMINATE (RFC 4006 8.14).
        var byAnswer = await Run(net, Answer(net, ccr, 5030, failureHandling: RoValues.FailureHandlingContinue));
        var bySetting = await Run(lenient, lenient.Failure(lenientCcr, DiameterDeliveryFailure.PeerDown, T));

        Assert.AreEqual(ImsNetwork.IcscfUri, byAnswer.Single<ForwardSipRequest>().NextHop);
        StringAssert.Contains(byAnswer.Decision, "uncharged");
        Assert.AreEqual(ImsNetwork.IcscfUri, bySetting.Single<ForwardSipRequest>().NextHop);
        StringAssert.Contains(bySetting.Decision, "CCFH CONTINUE");
        Assert.IsNull(await RoSessionAsync(net, "call-6"), "no session row for an uncharged call");
    }

    [TestMethod]
    public async Task AnsweredCall_SchedulesTheReport_AndTheTimerSendsACcrUpdateWithUsedAndRequestedTime()
    {
        using var net = await WithAliceAsync();
        var (forward, _) = await GrantedAsync(net, "call-8");

        var answered = await Run(net, net.Response(ImsRole.Scscf, "s-call-8", Ok(forward), forward.Continuation, T.AddSeconds(2)));

        Assert.AreEqual(200, SipWire.Parse(answered.Single<SendSipResponse>().Message).StatusCode);
        var timer = answered.Single<ScheduleTimer>();
        Assert.AreEqual("scscf-ro|call-8", timer.TimerId);
        Assert.AreEqual(T.AddSeconds(2 + 30 - 1), timer.Due, "one second before the 30 s granted run out");

        var fired = await Run(net, net.Timer(timer, timer.Due));
        var update = fired.Commands.Single();
        var ccru = net.Decode(update);
        Assert.AreEqual(RoValues.Update, ccru.GetUnsigned32(Avps.CcRequestType));
        Assert.AreEqual(1u, ccru.GetUnsigned32(Avps.CcRequestNumber));
        Assert.AreEqual(29u, Time(ccru, Avps.UsedServiceUnit));
        Assert.AreEqual(30u, Time(ccru, Avps.RequestedServiceUnit));

        var renewed = await Run(net, Answer(net, update, 2001, granted: 30, at: timer.Due));
        Assert.AreEqual(T.AddSeconds(2 + 29 + 30 - 1), renewed.Single<ScheduleTimer>().Due, "after the reported 29 s, 30 more less the margin");
    }

    [TestMethod]
    public async Task ExhaustedCredit_ReleasesTheCallBothWays_AndSendsCcrTermination()
    {
        using var net = await WithAliceAsync();
        var (forward, _) = await GrantedAsync(net, "call-9");
        var answered = await Run(net, net.Response(ImsRole.Scscf, "s-call-9", Ok(forward), forward.Continuation, T));
        var timer = answered.Single<ScheduleTimer>();
        var update = (await Run(net, net.Timer(timer, timer.Due))).Commands.Single();

        var cut = await Run(net, Answer(net, update, 4012, at: timer.Due.AddSeconds(1)));

        var sent = cut.Commands.Select(c => c.Message).OfType<SendSipRequest>().ToList();
        Assert.IsTrue(sent.All(b => Encoding.ASCII.GetString(b.Message).Contains("Reason: SIP;cause=402;text=\"credit exhausted\"\r\n", StringComparison.Ordinal)));
        var byes = sent.Select(b => SipWire.Parse(b.Message)).ToList();
        Assert.HasCount(2, byes);
        Assert.IsTrue(byes.All(b => b.Method == "BYE" && b.CallId == "call-9"));
        CollectionAssert.AreEquivalent(new[] { "sip:bob@10.0.0.2:5061", "sip:alice@10.0.0.1:5061" }, byes.Select(b => b.RequestUriText).ToArray());
        var ccrt = net.Decode(cut.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(RoValues.Termination, ccrt.GetUnsigned32(Avps.CcRequestType));
        Assert.AreEqual(2u, ccrt.GetUnsigned32(Avps.CcRequestNumber));
        Assert.AreEqual(1u, Time(ccrt, Avps.UsedServiceUnit), "the second after the CCR-U's report");
        Assert.IsNull(Time(ccrt, Avps.RequestedServiceUnit));
        Assert.IsNull(await RoSessionAsync(net, "call-9"));

        // A late timer or a BYE after the release finds nothing to charge.
        var late = await Run(net, net.Timer(timer, timer.Due.AddSeconds(5)));
        Assert.IsEmpty(late.Commands);
    }

    [TestMethod]
    public async Task FinalGrantUsedUp_ReleasesTheCallAtItsEnd()
    {
        using var net = await WithAliceAsync();
        var ccr = (await Run(net, Originating("call-10"))).Commands.Single();
        var forward = (await Run(net, Answer(net, ccr, 2001, granted: 5, final: true))).Commands.Single(c => c.Message is ForwardSipRequest);
        var answered = await Run(net, net.Response(ImsRole.Scscf, "s-call-10", Ok(forward), forward.Continuation, T));
        var timer = answered.Single<ScheduleTimer>();
        Assert.AreEqual(T.AddSeconds(5), timer.Due, "a final grant is used to its end (RFC 4006 5.6.1)");

        var cut = await Run(net, net.Timer(timer, timer.Due));

        Assert.HasCount(2, cut.Commands.Select(c => c.Message).OfType<SendSipRequest>());
        var ccrt = net.Decode(cut.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(RoValues.Termination, ccrt.GetUnsigned32(Avps.CcRequestType));
        Assert.AreEqual(5u, Time(ccrt, Avps.UsedServiceUnit));
    }

    [TestMethod]
    public async Task Bye_EitherWay_SendsCcrTerminationWithTheSecondsSinceTheAnswer_Once()
    {
        using var net = await WithAliceAsync();
        var (forward, _) = await GrantedAsync(net, "call-11");
        var answered = await Run(net, net.Response(ImsRole.Scscf, "s-call-11", Ok(forward), forward.Continuation, T));

        var bye = await Run(net, Bye("call-11", T.AddSeconds(12)));

        Assert.IsNotNull(bye.Single<ForwardSipRequest>());
        Assert.AreEqual(answered.Single<ScheduleTimer>().TimerId, bye.Single<CancelTimer>().TimerId);
        var ccrt = net.Decode(bye.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(RoValues.Termination, ccrt.GetUnsigned32(Avps.CcRequestType));
        Assert.AreEqual(1u, ccrt.GetUnsigned32(Avps.CcRequestNumber));
        Assert.AreEqual(12u, Time(ccrt, Avps.UsedServiceUnit));

        var again = await Run(net, Bye("call-11", T.AddSeconds(13)));
        Assert.IsEmpty(again.Commands.Select(c => c.Message).OfType<SendDiameterRequest>(), "the BYE passing a second time charges nothing");
    }

    [TestMethod]
    public async Task FailedSetup_SendsCcrTerminationWithNothingUsed()
    {
        using var net = await WithAliceAsync();
        var (forward, _) = await GrantedAsync(net, "call-12");
        var request = SipWire.Parse(((ForwardSipRequest)forward.Message).Message);
        var busy = Respond(request, 486, "Busy Here");

        var failed = await Run(net, net.Response(ImsRole.Scscf, "s-call-12", busy, forward.Continuation, T.AddSeconds(3)));

        Assert.AreEqual(486, SipWire.Parse(failed.Single<SendSipResponse>().Message).StatusCode);
        var ccrt = net.Decode(failed.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(RoValues.Termination, ccrt.GetUnsigned32(Avps.CcRequestType));
        Assert.AreEqual(0u, Time(ccrt, Avps.UsedServiceUnit));
        Assert.IsNull(await RoSessionAsync(net, "call-12"));
    }

    [TestMethod]
    public async Task GrantedInviteThatNeverGetsAFinalResponse_IsEndedByTheSetupGuard()
    {
        using var net = await WithAliceAsync();
        var ccr = (await Run(net, Originating("call-13"))).Commands.Single();
        var proceeds = await Run(net, Answer(net, ccr, 2001, granted: 30));
        var guard = proceeds.Single<ScheduleTimer>();
        Assert.AreEqual("scscf-ro|call-13", guard.TimerId);
        Assert.AreEqual(T.AddMinutes(5), guard.Due);

        var ended = await Run(net, net.Timer(guard, guard.Due));

        var ccrt = net.Decode(ended.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(RoValues.Termination, ccrt.GetUnsigned32(Avps.CcRequestType));
        Assert.AreEqual(0u, Time(ccrt, Avps.UsedServiceUnit));
        Assert.IsEmpty(ended.Commands.Select(c => c.Message).OfType<SendSipRequest>(), "nothing to release before an answer");
        Assert.IsNull(await RoSessionAsync(net, "call-13"));
    }

    [TestMethod]
    public async Task CancelThatOvertookTheCcaI_The487TheEdgeReportsForTheForward_EndsTheSessionAtOnce()
    {
        using var net = await WithAliceAsync();
        var (forward, _) = await GrantedAsync(net, "call-14");
        // The edge answered the CANCEL and the INVITE (487) while the CCR-I was out; it does not send
        // the forward that follows the grant but reports a 487 built on it, with the edge's To tag.
        var terminated = new Ims.Sip.Building.SipResponseBuilder(SipWire.Parse(((ForwardSipRequest)forward.Message).Message), 487, "Request Terminated").WithToTag("edge").ToArray();

        var ended = await Run(net, net.Response(ImsRole.Scscf, "s-call-14", terminated, forward.Continuation, T.AddSeconds(1)));

        var ccrt = net.Decode(ended.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(RoValues.Termination, ccrt.GetUnsigned32(Avps.CcRequestType));
        Assert.AreEqual(0u, Time(ccrt, Avps.UsedServiceUnit));
        Assert.IsNull(await RoSessionAsync(net, "call-14"), "not left to the 5-minute guard");
    }

    private static async Task<(OutgoingCommand Forward, DiameterMessage Ccr)> GrantedAsync(ImsNetwork net, string callId)
    {
        var ccr = (await Run(net, Originating(callId))).Commands.Single();
        var decoded = net.Decode(ccr);
        var proceeds = await Run(net, Answer(net, ccr, 2001, granted: 30));
        return (proceeds.Commands.Single(c => c.Message is ForwardSipRequest), decoded);
    }

    private static async Task<TableEntityView?> RoSessionAsync(ImsNetwork net, string callId)
    {
        var row = await net.Store.GetAsync("ScscfRoSession", Ims.Storage.TableKey.Encode(callId), "ro", CancellationToken.None);
        return row.Value is null ? null : new TableEntityView(row.Value.PartitionKey);
    }

    private sealed record TableEntityView(string Partition);

    private static async Task<FunctionOutcome> Run(ImsNetwork net, BusEnvelope envelope) => await ImsNetwork.RunAsync(net.Scscf, envelope);

    /// <summary>The OCS's answer to a CCR command (RFC 4006 3.2): a result, and a grant in Multiple-Services-Credit-Control.</summary>
    private static BusEnvelope Answer(ImsNetwork net, OutgoingCommand command, uint result, uint? granted = null, bool final = false, uint? failureHandling = null, DateTimeOffset? at = null)
    {
        var ccr = DiameterDecoder.Decode(((SendDiameterRequest)command.Message).Message).Message!;
        var cca = DiameterMessageBuilder.Answer(ccr)
            .Add(Avps.OriginHost, "ocs.ims.example")
            .Add(Avps.OriginRealm, "ims.example")
            .Add(Avps.ResultCode, result)
            .Add(Avps.CcRequestType, ccr.GetUnsigned32(Avps.CcRequestType)!.Value)
            .Add(Avps.CcRequestNumber, ccr.GetUnsigned32(Avps.CcRequestNumber)!.Value);
        if (failureHandling is { } ccfh)
        {
            cca.Add(Avps.CreditControlFailureHandling, ccfh);
        }

        if (granted is { } seconds)
        {
            cca.Add(Avps.MultipleServicesCreditControl, mscc =>
            {
                mscc.Add(Avps.GrantedServiceUnit, gsu => gsu.Add(Avps.CcTime, seconds)).Add(Avps.ResultCode, result);
                if (final)
                {
                    mscc.Add(Avps.FinalUnitIndication, fui => fui.Add(Avps.FinalUnitAction, 0u));
                }
            });
        }

        return net.Envelope(new DiameterAnswerReceived(DiameterEncoder.Encode(cca.Build()), null), at ?? T, "diameter", command.Continuation);
    }

    private static uint? Time(DiameterMessage ccr, AvpDefinition unit) =>
        ccr.Find(Avps.MultipleServicesCreditControl)?.Find(unit.Code)?.Find(Avps.CcTime.Code) is { } time && time.TryGetUnsigned32(out var value) ? value : null;

    private static DiameterAvp ImsInfo(DiameterMessage ccr) =>
        ccr.Find(Avps.ServiceInformation)!.Find(Avps.ImsInformation.Code, Avps.ImsInformation.VendorId)!;

    private static string? Text(DiameterAvp group, AvpDefinition avp) => group.Find(avp.Code, avp.VendorId)?.GetString();

    private static uint? Unsigned(DiameterAvp group, AvpDefinition avp) => group.Find(avp.Code, avp.VendorId) is { } found && found.TryGetUnsigned32(out var value) ? value : null;

    /// <summary>An INVITE as alice's P-CSCF sends it along her Service-Route, with its icid.</summary>
    private static BusEnvelope Originating(string callId) => Envelope(callId, $"s-{callId}", ImsNetwork.PcscfLocal, $"""
        INVITE sip:bob@ims.example SIP/2.0
        Via: SIP/2.0/UDP {ImsNetwork.PcscfLocal};branch=z9hG4bK{callId}p
        Via: SIP/2.0/UDP 10.0.0.1:5061;branch=z9hG4bK{callId}ue
        Max-Forwards: 69
        Route: <sip:orig@scscf.ims.example:6060;lr>
        Record-Route: <sip:pcscf.ims.example:5060;lr>
        From: <sip:alice@ims.example>;tag=a{callId}
        To: <sip:bob@ims.example>
        Call-ID: {callId}
        CSeq: 1 INVITE
        Contact: <sip:alice@10.0.0.1:5061>
        P-Asserted-Identity: <sip:alice@ims.example>
        P-Charging-Vector: icid-value=icid-{callId}
        Content-Length: 0


        """);

    /// <summary>bob's BYE coming back along the route set to the S-CSCF's Record-Route entry.</summary>
    private static BusEnvelope Bye(string callId, DateTimeOffset time) => Envelope(callId, $"s-bye-{callId}-{time.ToUnixTimeSeconds()}", "10.1.0.2:4060", $"""
        BYE sip:alice@10.0.0.1:5061 SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.2:5061;branch=z9hG4bKbye{callId}{time.ToUnixTimeSeconds()}
        Max-Forwards: 69
        Route: <sip:scscf.ims.example:6060;lr>, <sip:pcscf.ims.example:5060;lr>
        From: <sip:bob@ims.example>;tag=b1
        To: <sip:alice@ims.example>;tag=a{callId}
        Call-ID: {callId}
        CSeq: 1 BYE
        Content-Length: 0


        """, time);

    private static BusEnvelope Envelope(string callId, string transactionId, string source, string text, DateTimeOffset? time = null) =>
        new($"evt-{transactionId}-{Guid.NewGuid():N}", time ?? T, "edge-1", callId, transactionId,
            new SipRequestReceived(ImsRole.Scscf, transactionId, SipTransport.Udp, source, ImsNetwork.ScscfLocal, Encoding.ASCII.GetBytes(text.ReplaceLineEndings("\r\n"))));

    /// <summary>bob's 200 OK to the forwarded INVITE, with the route set the S-CSCF recorded and bob's Contact.</summary>
    private static byte[] Ok(OutgoingCommand forward) => Respond(SipWire.Parse(((ForwardSipRequest)forward.Message).Message), 200, "OK");

    private static byte[] Respond(SipMessage request, int status, string reason)
    {
        var builder = new Ims.Sip.Building.SipResponseBuilder(request, status, reason).WithToTag("b1");
        foreach (var route in request.RecordRoutes)
        {
            builder.Add("Record-Route", route.ToString());
        }

        return builder.Add("Contact", "<sip:bob@10.0.0.2:5061>").ToArray();
    }
}
