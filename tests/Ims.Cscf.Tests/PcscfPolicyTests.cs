using System.Text;
using Ims.Cscf.Tests.Kit;
using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;
using Ims.Storage;

namespace Ims.Cscf.Tests;

/// <summary>
/// Rx at the P-CSCF (TS 24.229 5.2.7, TS 29.214 4.4): a registered UE's INVITE waits for the PCRF's
/// AAA, the answer updates the authorisation, the end of the call ends the AF session, and the PCRF
/// may end the call (ASR, RAR with loss of bearer). Every Diameter message is decoded and read.
/// </summary>
[TestClass]
public sealed partial class PcscfPolicyTests
{
    private const string PcscfHost = "pcscf.ims.example";
    private const string PcrfHost = "pcrf.ims.example";
    private const string CallId = "call-rx-1@10.0.0.1";
    private static readonly DateTimeOffset T = ImsNetwork.T0;

    private const string Offer = "v=0\r\no=alice 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
        + "m=audio 49170 RTP/AVP 0 96\r\nb=AS:64\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:96 telephone-event/8000\r\n"
        + "m=video 51372 RTP/AVP 97\r\nb=AS:512\r\na=rtpmap:97 H264/90000\r\n";

    private const string Answer = "v=0\r\no=bob 2 2 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n"
        + "m=audio 30000 RTP/AVP 0\r\nb=AS:80\r\na=rtpmap:0 PCMU/8000\r\n"
        + "m=video 30002 RTP/AVP 97\r\nb=AS:384\r\na=rtpmap:97 H264/90000\r\n";

    private static CscfOptions RxOptions(bool refuseWithoutPcrf = false) => ImsNetwork.DefaultOptions with
    {
        RxEnabled = true,
        RefuseSessionsWithoutPcrf = refuseWithoutPcrf,
        PcscfDiameterHost = PcscfHost,
        PcrfHost = PcrfHost,
    };

    [TestMethod]
    public async Task InviteWithOffer_IsHeld_AndTheAarCarriesOneComponentPerMediaLineWithCodecsBandwidthFlowsIcidAndSubscriber()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);

        var outcome = await InviteAsync(net, ue);

        var command = Assert.ContainsSingle(outcome.Commands, "nothing goes on before the PCRF answers");
        Assert.AreEqual("pcscf", command.Continuation?.Handler);
        Assert.AreEqual("rx-aar", command.Continuation?.Step);
        var aar = net.Decode(command);
        Assert.AreEqual(265u, aar.CommandCode);
        Assert.AreEqual(DiameterApplicationId.Rx.Value, aar.ApplicationId);
        Assert.AreEqual(DiameterApplicationId.Rx.Value, aar.GetUnsigned32(Avps.AuthApplicationId));
        StringAssert.StartsWith(aar.SessionId, PcscfHost + ";");
        StringAssert.EndsWith(aar.SessionId, ";orig");
        Assert.AreEqual(PcscfHost, aar.OriginHost);
        Assert.AreEqual(ImsNetwork.Domain, aar.GetString(Avps.DestinationRealm));
        Assert.AreEqual(PcrfHost, aar.GetString(Avps.DestinationHost));
        Assert.AreEqual(0u, aar.GetUnsigned32(Avps.RxRequestType), "INITIAL_REQUEST");
        Assert.IsFalse(string.IsNullOrEmpty(aar.GetString(Avps.AfChargingIdentifier)));
        CollectionAssert.AreEqual(new uint[] { 2, 4 }, aar.FindAll(Avps.SpecificAction).Select(U32).ToArray(), "loss and release of bearer");
        var subscription = aar.Find(Avps.SubscriptionId)!;
        Assert.AreEqual(2u, U32(Child(subscription, Avps.SubscriptionIdType)), "END_USER_SIP_URI");
        Assert.AreEqual("sip:alice@ims.example", Child(subscription, Avps.SubscriptionIdData).GetString());

        var components = aar.FindAll(Avps.MediaComponentDescription).ToList();
        Assert.HasCount(2, components);
        var audio = components[0];
        Assert.AreEqual(1u, U32(Child(audio, Avps.MediaComponentNumber)));
        Assert.AreEqual(0u, U32(Child(audio, Avps.MediaType)), "audio");
        Assert.AreEqual(64000u, U32(Child(audio, Avps.MaxRequestedBandwidthDl)), "what the UE receives, from its own b=AS");
        Assert.IsNull(audio.Find(Avps.MaxRequestedBandwidthUl.Code, Avps.MaxRequestedBandwidthUl.VendorId), "the peer's b=AS is not known yet");
        Assert.AreEqual(2u, U32(Child(audio, Avps.FlowStatus)), "ENABLED");
        var codec = Assert.ContainsSingle(Children(audio, Avps.CodecData));
        Assert.AreEqual("uplink\noffer\nm=audio 49170 RTP/AVP 0 96\nb=AS:64\na=rtpmap:0 PCMU/8000\na=rtpmap:96 telephone-event/8000", codec.GetString());
        var flows = Children(audio, Avps.MediaSubComponent).ToList();
        Assert.HasCount(2, flows);
        Assert.AreEqual(1u, U32(Child(flows[0], Avps.FlowNumber)));
        CollectionAssert.AreEqual(
            new[] { "permit in 17 from 10.0.0.1 49170 to any", "permit out 17 from any to 10.0.0.1 49170" },
            Children(flows[0], Avps.FlowDescription).Select(f => f.GetString()).ToArray());
        CollectionAssert.AreEqual(
            new[] { "permit in 17 from 10.0.0.1 49171 to any", "permit out 17 from any to 10.0.0.1 49171" },
            Children(flows[1], Avps.FlowDescription).Select(f => f.GetString()).ToArray(), "RTCP on the next port");
        Assert.AreEqual(1u, U32(Child(flows[1], Avps.FlowUsage)), "RTCP");
        var video = components[1];
        Assert.AreEqual(2u, U32(Child(video, Avps.MediaComponentNumber)));
        Assert.AreEqual(1u, U32(Child(video, Avps.MediaType)), "video");
        Assert.AreEqual(512000u, U32(Child(video, Avps.MaxRequestedBandwidthDl)));
        StringAssert.Contains(Child(video, Avps.CodecData).GetString(), "a=rtpmap:97 H264/90000");

        var row = await RowAsync(net, "orig");
        Assert.IsNotNull(row);
        Assert.AreEqual(aar.SessionId, row.GetString("SessionId"));
        Assert.AreEqual(Offer, row.GetString("Offer"));
        Assert.AreEqual("sip:alice@ims.example", row.GetString("Subscriber"));

        // Replay: the same INVITE in a fresh network gives the same AAR, byte for byte.
        using var again = new ImsNetwork(RxOptions());
        using var ue2 = await RegisteredAsync(again);
        var replayed = await InviteAsync(again, ue2);
        CollectionAssert.AreEqual(((SendDiameterRequest)command.Message).Message, ((SendDiameterRequest)replayed.Commands[0].Message).Message);
    }

    [TestMethod]
    public async Task AaaSuccess_ForwardsTheHeldInviteAlongTheServiceRoute_WithTheIcidTheAarNamed()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var held = (await InviteAsync(net, ue)).Commands[0];
        var aar = net.Decode(held);

        var outcome = await ImsNetwork.RunAsync(net.Pcscf, Aaa(net, held, aar, DiameterResultCode.Success));

        var command = Assert.ContainsSingle(outcome.Commands);
        var forward = Assert.IsInstanceOfType<ForwardSipRequest>(command.Message);
        Assert.AreEqual("inv-tx", forward.TransactionId);
        StringAssert.Contains(forward.NextHop, "sip:orig@scscf.ims.example:6060");
        Assert.AreEqual("rx-relay-orig", command.Continuation?.Step);
        var sent = SipWire.Parse(forward.Message);
        Assert.AreEqual("INVITE", sent.Method);
        Assert.AreEqual(aar.GetString(Avps.AfChargingIdentifier), sent.PChargingVector!.IcidValue, "AF-Charging-Identifier is the icid (TS 29.214 5.3.6)");
        Assert.AreEqual("sip:alice@ims.example", sent.PAssertedIdentities.Single().Uri.Text);
        StringAssert.Contains(sent.First(Ims.Sip.Parsing.SipHeaderKind.RecordRoute), "pcscf.ims.example:5060");
        Assert.AreEqual(Offer, Encoding.UTF8.GetString(sent.Body.Span));
    }

    [TestMethod]
    public async Task AaaRefusal_Answers488ToTheUe_AndForgetsTheSession()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var held = (await InviteAsync(net, ue)).Commands[0];
        var aar = net.Decode(held);
        var refusal = DiameterMessageBuilder.Answer(aar).AddExperimentalResult(DiameterExperimentalResultCode.RequestedServiceNotAuthorized)
            .Add(Avps.OriginHost, PcrfHost).Add(Avps.OriginRealm, ImsNetwork.Domain).Build();

        var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Envelope(new DiameterAnswerReceived(DiameterEncoder.Encode(refusal), null), T, "diameter", held.Continuation));

        var reply = Assert.IsInstanceOfType<SendSipResponse>(Assert.ContainsSingle(outcome.Commands).Message);
        Assert.AreEqual("inv-tx", reply.TransactionId);
        var response = SipWire.Parse(reply.Message);
        Assert.AreEqual(488, response.StatusCode);
        Assert.AreEqual("Not Acceptable Here", response.ReasonPhrase);
        Assert.AreEqual(CallId, response.CallId);
        Assert.AreEqual("z9hG4bKinv1", response.TopVia!.Branch);
        Assert.IsNull(await RowAsync(net, "orig"), "the PCRF holds no session after a refusal: nothing to STR");
    }

    [TestMethod]
    public async Task UnreachablePcrf_ForwardsByDefault_AndRefusesWith503WhenConfigured()
    {
        using (var net = new ImsNetwork(RxOptions()))
        using (var ue = await RegisteredAsync(net))
        {
            var held = (await InviteAsync(net, ue)).Commands[0];
            var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Failure(held, DiameterDeliveryFailure.Timeout, T));
            Assert.IsInstanceOfType<ForwardSipRequest>(Assert.ContainsSingle(outcome.Commands).Message);
            Assert.IsNull(await RowAsync(net, "orig"), "no Rx session exists: no update and no STR later");
        }

        using (var net = new ImsNetwork(RxOptions(refuseWithoutPcrf: true)))
        using (var ue = await RegisteredAsync(net))
        {
            var held = (await InviteAsync(net, ue)).Commands[0];
            var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Failure(held, DiameterDeliveryFailure.PeerDown, T));
            var reply = Assert.IsInstanceOfType<SendSipResponse>(Assert.ContainsSingle(outcome.Commands).Message);
            Assert.AreEqual(503, SipWire.Parse(reply.Message).StatusCode);
        }
    }

    [TestMethod]
    public async Task OkWithAnswer_IsRelayed_AndUpdatesTheAuthorisationWithBothEndsOfEachFlow_AndKeepsTheDialog()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (forward, aar) = await AuthorisedAsync(net, ue);

        var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Ok(forward.Command), forward.Continuation, T));

        var relayed = outcome.Single<SendSipResponse>();
        Assert.AreEqual(200, SipWire.Parse(relayed.Message).StatusCode);
        var updateCommand = outcome.Commands.Single(c => c.Message is SendDiameterRequest);
        Assert.AreEqual("rx-update", updateCommand.Continuation?.Step);
        var update = net.Decode(updateCommand);
        Assert.AreEqual(265u, update.CommandCode);
        Assert.AreEqual(aar.SessionId, update.SessionId, "the same AF session");
        Assert.AreEqual(1u, update.GetUnsigned32(Avps.RxRequestType), "UPDATE_REQUEST");
        var audio = update.FindAll(Avps.MediaComponentDescription).First();
        Assert.AreEqual(80000u, U32(Child(audio, Avps.MaxRequestedBandwidthUl)), "what the peer receives");
        Assert.AreEqual(64000u, U32(Child(audio, Avps.MaxRequestedBandwidthDl)));
        var flow = Children(audio, Avps.MediaSubComponent).First();
        CollectionAssert.AreEqual(
            new[] { "permit in 17 from 10.0.0.1 49170 to 10.0.0.2 30000", "permit out 17 from 10.0.0.2 30000 to 10.0.0.1 49170" },
            Children(flow, Avps.FlowDescription).Select(f => f.GetString()).ToArray());
        var codecs = Children(audio, Avps.CodecData).Select(c => c.GetString()).ToList();
        Assert.HasCount(2, codecs);
        StringAssert.StartsWith(codecs[1], "downlink\nanswer\nm=audio 30000 RTP/AVP 0");

        var row = await RowAsync(net, "orig");
        Assert.AreEqual(Answer, row!.GetString("Answer"));
        var dialog = Ims.Cscf.Dialogs.ConfirmedDialog.FromJson(row.GetString("Dialog"));
        Assert.IsNotNull(dialog);
        Assert.AreEqual("sip:bob@10.0.0.2:5062", dialog.CalleeContact);
        Assert.AreEqual(ue.Contact, dialog.CallerContact);

        var accepted = await ImsNetwork.RunAsync(net.Pcscf, Aaa(net, updateCommand, update, DiameterResultCode.Success));
        Assert.IsEmpty(accepted.Commands);
    }

    [TestMethod]
    public async Task UpdateRefused_ReleasesTheConfirmedCallBothWays_AndSendsStr()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (forward, _) = await AuthorisedAsync(net, ue);
        var ok = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Ok(forward.Command), forward.Continuation, T));
        var updateCommand = ok.Commands.Single(c => c.Message is SendDiameterRequest);
        var update = net.Decode(updateCommand);

        var outcome = await ImsNetwork.RunAsync(net.Pcscf, Aaa(net, updateCommand, update, DiameterResultCode.AuthorizationRejected));

        var byes = outcome.Commands.Select(c => c.Message).OfType<SendSipRequest>().Select(b => SipWire.Parse(b.Message)).ToList();
        Assert.HasCount(2, byes);
        Assert.IsTrue(byes.All(b => b.Method == "BYE" && b.CallId == CallId));
        Assert.AreEqual("sip:bob@10.0.0.2:5062", byes[0].RequestUriText);
        Assert.AreEqual(ue.Contact, byes[1].RequestUriText);
        var str = net.Decode(outcome.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(275u, str.CommandCode);
        Assert.AreEqual(update.SessionId, str.SessionId);
        Assert.IsNull(await RowAsync(net, "orig"));
    }

    [TestMethod]
    public async Task Bye_EndsTheAfSessionWithStr_AndARepeatedByeSendsNone()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (forward, aar) = await AuthorisedAsync(net, ue);
        await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Ok(forward.Command), forward.Continuation, T));

        var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "bye-tx", ue.Source, ImsNetwork.PcscfLocal, Bye(ue), T.AddSeconds(30)));

        Assert.AreEqual("BYE", SipWire.Parse(outcome.Single<ForwardSipRequest>().Message).Method);
        var strCommand = outcome.Commands.Single(c => c.Message is SendDiameterRequest);
        var str = net.Decode(strCommand);
        Assert.AreEqual(275u, str.CommandCode);
        Assert.AreEqual(DiameterApplicationId.Rx.Value, str.ApplicationId);
        Assert.AreEqual(aar.SessionId, str.SessionId);
        Assert.AreEqual(1u, str.GetUnsigned32(Avps.TerminationCause), "DIAMETER_LOGOUT");
        Assert.AreEqual(PcrfHost, str.GetString(Avps.DestinationHost));
        Assert.IsNull(await RowAsync(net, "orig"));

        var sta = DiameterMessageBuilder.Answer(str).AddResultCode(DiameterResultCode.Success).Add(Avps.OriginHost, PcrfHost).Add(Avps.OriginRealm, ImsNetwork.Domain).Build();
        var answered = await ImsNetwork.RunAsync(net.Pcscf, net.Envelope(new DiameterAnswerReceived(DiameterEncoder.Encode(sta), null), T, "diameter", strCommand.Continuation));
        Assert.IsEmpty(answered.Commands);

        var repeated = await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "bye-tx2", ue.Source, ImsNetwork.PcscfLocal, Bye(ue), T.AddSeconds(31)));
        Assert.IsFalse(repeated.Commands.Any(c => c.Message is SendDiameterRequest), "the session is over; a late BYE is harmless");
    }

    [TestMethod]
    public async Task FailedSetup_IsRelayed_AndEndsTheAfSessionWithStr()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (forward, aar) = await AuthorisedAsync(net, ue);

        var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Final(forward.Command, 486, "Busy Here"), forward.Continuation, T));

        Assert.AreEqual(486, SipWire.Parse(outcome.Single<SendSipResponse>().Message).StatusCode);
        var str = net.Decode(outcome.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(275u, str.CommandCode);
        Assert.AreEqual(aar.SessionId, str.SessionId);
        Assert.IsNull(await RowAsync(net, "orig"));

        var again = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Final(forward.Command, 486, "Busy Here"), forward.Continuation, T));
        Assert.IsFalse(again.Commands.Any(c => c.Message is SendDiameterRequest), "a repeated final response sends no second STR");
    }

    [TestMethod]
    public async Task Asr_IsAnsweredAsa_ThenTheCallIsReleasedBothWays_AndStrFollows()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (forward, aar) = await AuthorisedAsync(net, ue);
        await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Ok(forward.Command), forward.Continuation, T));

        var asr = PcrfRequest(DiameterCommands.AbortSessionRx, aar.SessionId!, b => b.Add(Avps.AbortCause, 0u));
        var outcome = await ImsNetwork.RunAsync(net.Pcscf, PcrfEnvelope(net, asr));

        var answer = Assert.IsInstanceOfType<SendDiameterAnswer>(outcome.Commands[0].Message);
        Assert.AreEqual(PcrfHost, answer.PeerId);
        var asa = DiameterDecoder.Decode(answer.Message).Message!;
        Assert.IsFalse(asa.IsRequest);
        Assert.AreEqual(274u, asa.CommandCode);
        Assert.AreEqual(asr.Header.HopByHopId, asa.Header.HopByHopId);
        Assert.AreEqual(aar.SessionId, asa.SessionId);
        Assert.AreEqual(2001u, asa.GetUnsigned32(Avps.ResultCode));
        Assert.AreEqual(PcscfHost, asa.OriginHost);
        var byes = outcome.Commands.Select(c => c.Message).OfType<SendSipRequest>().ToList();
        Assert.HasCount(2, byes);
        foreach (var bye in byes)
        {
            var message = SipWire.Parse(bye.Message);
            Assert.AreEqual(ImsRole.Pcscf, bye.Role);
            Assert.AreEqual("BYE", message.Method);
            StringAssert.Contains(Encoding.UTF8.GetString(bye.Message), "Reason: SIP;cause=503");
        }

        var str = net.Decode(outcome.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(275u, str.CommandCode);
        Assert.AreEqual(aar.SessionId, str.SessionId);
        Assert.IsNull(await RowAsync(net, "orig"));

        var late = await ImsNetwork.RunAsync(net.Pcscf, PcrfEnvelope(net, asr));
        Assert.AreEqual(5002u, DiameterDecoder.Decode(late.Single<SendDiameterAnswer>().Message).Message!.GetUnsigned32(Avps.ResultCode), "a repeated ASR finds no session");
        Assert.ContainsSingle(late.Commands);
    }

    [TestMethod]
    public async Task AsrBeforeTheCallIsConfirmed_SendsStrAtOnce_AndTheLater2xxIsReleasedWithoutASecondStr()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (forward, aar) = await AuthorisedAsync(net, ue);

        var aborted = await ImsNetwork.RunAsync(net.Pcscf, PcrfEnvelope(net, PcrfRequest(DiameterCommands.AbortSessionRx, aar.SessionId!, b => b.Add(Avps.AbortCause, 0u))));
        Assert.AreEqual(2001u, DiameterDecoder.Decode(aborted.Single<SendDiameterAnswer>().Message).Message!.GetUnsigned32(Avps.ResultCode));
        Assert.AreEqual(275u, net.Decode(aborted.Commands.Single(c => c.Message is SendDiameterRequest)).CommandCode);
        Assert.IsFalse(aborted.Commands.Any(c => c.Message is SendSipRequest), "no dialog yet: nothing to send a BYE in");

        var ok = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Ok(forward.Command), forward.Continuation, T));

        Assert.AreEqual(200, SipWire.Parse(ok.Single<SendSipResponse>().Message).StatusCode);
        Assert.HasCount(2, ok.Commands.Select(c => c.Message).OfType<SendSipRequest>().ToList());
        Assert.IsFalse(ok.Commands.Any(c => c.Message is SendDiameterRequest), "no AAR update and no second STR for an ended session");
        Assert.IsNull(await RowAsync(net, "orig"));
    }

    [TestMethod]
    public async Task RarWithLossOfBearer_IsAnsweredRaa_AndReleasesTheCall_WhileOtherRarsAreOnlyAcknowledged()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (forward, aar) = await AuthorisedAsync(net, ue);
        await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Ok(forward.Command), forward.Continuation, T));

        var recovery = await ImsNetwork.RunAsync(net.Pcscf, PcrfEnvelope(net, PcrfRequest(DiameterCommands.ReAuthRx, aar.SessionId!, b => b.Add(Avps.SpecificAction, 3u))));
        var ack = DiameterDecoder.Decode(recovery.Single<SendDiameterAnswer>().Message).Message!;
        Assert.AreEqual(258u, ack.CommandCode);
        Assert.AreEqual(2001u, ack.GetUnsigned32(Avps.ResultCode));
        Assert.ContainsSingle(recovery.Commands, "recovery of bearer changes nothing");

        var loss = await ImsNetwork.RunAsync(net.Pcscf, PcrfEnvelope(net, PcrfRequest(DiameterCommands.ReAuthRx, aar.SessionId!, b => b.Add(Avps.SpecificAction, 2u))));
        var raa = DiameterDecoder.Decode(loss.Single<SendDiameterAnswer>().Message).Message!;
        Assert.AreEqual(2001u, raa.GetUnsigned32(Avps.ResultCode));
        Assert.HasCount(2, loss.Commands.Select(c => c.Message).OfType<SendSipRequest>().ToList());
        Assert.AreEqual(275u, net.Decode(loss.Commands.Single(c => c.Message is SendDiameterRequest)).CommandCode);
        Assert.IsNull(await RowAsync(net, "orig"));
    }

    [TestMethod]
    public async Task AsrAndRarForAnUnknownSession_Get5002_AndMalformedRequestsGetTheirResultCode()
    {
        using var net = new ImsNetwork(RxOptions());

        foreach (var command in new[] { DiameterCommands.AbortSessionRx, DiameterCommands.ReAuthRx })
        {
            var outcome = await ImsNetwork.RunAsync(net.Pcscf, PcrfEnvelope(net, PcrfRequest(command, "pcrf.ims.example;no;such", b => b.Add(command == DiameterCommands.AbortSessionRx ? Avps.AbortCause : Avps.SpecificAction, command == DiameterCommands.AbortSessionRx ? 0u : 2u))));
            var answer = DiameterDecoder.Decode(Assert.IsInstanceOfType<SendDiameterAnswer>(Assert.ContainsSingle(outcome.Commands).Message).Message).Message!;
            Assert.AreEqual(command.Code, answer.CommandCode);
            Assert.AreEqual(5002u, answer.GetUnsigned32(Avps.ResultCode));
        }

        // No Session-Id: DIAMETER_MISSING_AVP (RFC 6733 7.1.5).
        var missing = DiameterMessageBuilder.Request(DiameterCommands.AbortSessionRx, 7, 8)
            .Add(Avps.OriginHost, PcrfHost).Add(Avps.OriginRealm, ImsNetwork.Domain).Add(Avps.DestinationRealm, ImsNetwork.Domain)
            .Add(Avps.AuthApplicationId, DiameterApplicationId.Rx.Value).Build();
        var refused = await ImsNetwork.RunAsync(net.Pcscf, PcrfEnvelope(net, missing));
        Assert.AreEqual(5005u, DiameterDecoder.Decode(refused.Single<SendDiameterAnswer>().Message).Message!.GetUnsigned32(Avps.ResultCode));

        // Bytes that are not Diameter at all: nothing throws.
        var garbage = await ImsNetwork.RunAsync(net.Pcscf, net.Envelope(new DiameterRequestReceived(ImsRole.Pcscf, PcrfHost, [1, 2, 3]), T, "diameter"));
        Assert.IsFalse(garbage.Commands.Any(c => c.Message is not SendDiameterAnswer));
    }

    [TestMethod]
    public async Task TerminatingInvite_IsHeldForItsOwnAfSession_WithTheNetworksOffer_DistinctFromTheOriginatingOne()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var originating = net.Decode((await InviteAsync(net, ue)).Commands[0]);

        var invite = Message(
            "INVITE sip:bob@10.0.0.2:5062 SIP/2.0",
            ["Via: SIP/2.0/UDP 10.1.0.3:6060;branch=z9hG4bKterm1", "Via: SIP/2.0/UDP 10.0.0.1:5061;branch=z9hG4bKinv1",
             "Route: <sip:term@pcscf.ims.example:5060;lr>", "Record-Route: <sip:scscf.ims.example:6060;lr>",
             "P-Charging-Vector: icid-value=abc123;icid-generated-at=pcscf.ims.example", "P-Asserted-Identity: <sip:alice@ims.example>"],
            Offer);
        var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "term-tx", ImsNetwork.ScscfLocal, ImsNetwork.PcscfLocal, invite, T));

        var command = Assert.ContainsSingle(outcome.Commands);
        var aar = net.Decode(command);
        StringAssert.EndsWith(aar.SessionId, ";term");
        Assert.AreNotEqual(originating.SessionId, aar.SessionId, "one P-CSCF, two AF sessions of one Call-ID");
        Assert.AreEqual("abc123", aar.GetString(Avps.AfChargingIdentifier));
        Assert.AreEqual("sip:bob@ims.example", Child(aar.Find(Avps.SubscriptionId)!, Avps.SubscriptionIdData).GetString());
        var audio = aar.FindAll(Avps.MediaComponentDescription).First();
        StringAssert.StartsWith(Child(audio, Avps.CodecData).GetString(), "downlink\noffer\n");
        // The UE is the answerer: its end is not known yet, the network's is the remote one.
        CollectionAssert.AreEqual(
            new[] { "permit in 17 from any to 10.0.0.1 49170", "permit out 17 from 10.0.0.1 49170 to any" },
            Children(Children(audio, Avps.MediaSubComponent).First(), Avps.FlowDescription).Select(f => f.GetString()).ToArray());

        var forwarded = await ImsNetwork.RunAsync(net.Pcscf, Aaa(net, command, aar, DiameterResultCode.Success));
        var forward = forwarded.Single<ForwardSipRequest>();
        Assert.AreEqual("sip:bob@10.0.0.2:5062", forward.NextHop);
        Assert.AreEqual("rx-relay-term", forwarded.Commands[0].Continuation?.Step);
        Assert.IsNotNull(await RowAsync(net, "term"));
        Assert.IsNotNull(await RowAsync(net, "orig"));
    }

    // A re-INVITE or UPDATE putting the call on hold and dropping the video (RFC 3264 8.4, 8.2).
    private const string HoldOffer = "v=0\r\no=alice 1 2 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
        + "m=audio 49180 RTP/AVP 0\r\nb=AS:64\r\na=rtpmap:0 PCMU/8000\r\na=sendonly\r\n"
        + "m=video 0 RTP/AVP 97\r\n";

    private const string HoldAnswer = "v=0\r\no=bob 2 3 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n"
        + "m=audio 30010 RTP/AVP 0\r\nb=AS:80\r\na=rtpmap:0 PCMU/8000\r\na=recvonly\r\n"
        + "m=video 0 RTP/AVP 97\r\n";

    [TestMethod]
    public async Task ReInviteWithANewOffer_IsRelayedForItsAnswer_AndThe200UpdatesTheAfSessionWithTheNewMedia()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (_, aar) = await ConfirmedAsync(net, ue);

        var relayed = await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "reinv-tx", ue.Source, ImsNetwork.PcscfLocal, InDialog(ue, "INVITE", HoldOffer), T.AddSeconds(20)));

        var forward = Assert.ContainsSingle(relayed.Commands, "the offer alone is not sent to the PCRF: the answer completes it");
        Assert.AreEqual("INVITE", SipWire.Parse(Assert.IsInstanceOfType<ForwardSipRequest>(forward.Message).Message).Method);
        Assert.AreEqual("rx-modify-ue-orig", forward.Continuation?.Step);

        var ok = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "reinv-tx", Reply((ForwardSipRequest)forward.Message, 200, "OK", HoldAnswer), forward.Continuation, T.AddSeconds(21)));

        Assert.AreEqual(200, SipWire.Parse(ok.Single<SendSipResponse>().Message).StatusCode);
        var updateCommand = ok.Commands.Single(c => c.Message is SendDiameterRequest);
        Assert.AreEqual("rx-update", updateCommand.Continuation?.Step);
        var update = net.Decode(updateCommand);
        Assert.AreEqual(265u, update.CommandCode);
        Assert.AreEqual(aar.SessionId, update.SessionId, "the same AF session, modified (TS 29.214 4.4.2)");
        Assert.AreEqual(1u, update.GetUnsigned32(Avps.RxRequestType), "UPDATE_REQUEST");
        var components = update.FindAll(Avps.MediaComponentDescription).ToList();
        Assert.HasCount(2, components);
        var audio = components[0];
        CollectionAssert.AreEqual(
            new[] { "permit in 17 from 10.0.0.1 49180 to 10.0.0.2 30010", "permit out 17 from 10.0.0.2 30010 to 10.0.0.1 49180" },
            Children(Children(audio, Avps.MediaSubComponent).First(), Avps.FlowDescription).Select(f => f.GetString()).ToArray(),
            "the new ports of both ends");
        Assert.AreEqual(0u, U32(Child(audio, Avps.FlowStatus)), "ENABLED-UPLINK: the UE only sends while it holds the call");
        Assert.AreEqual(3u, U32(Child(components[1], Avps.FlowStatus)), "DISABLED: the video was dropped with port 0");
        var codecs = Children(audio, Avps.CodecData).Select(c => c.GetString()).ToList();
        StringAssert.StartsWith(codecs[0], "uplink\noffer\nm=audio 49180");
        StringAssert.StartsWith(codecs[1], "downlink\nanswer\nm=audio 30010");

        var row = await RowAsync(net, "orig");
        Assert.AreEqual(HoldOffer, row!.GetString("Offer"));
        Assert.AreEqual(HoldAnswer, row.GetString("Answer"));
        Assert.IsNotNull(row.GetString("Dialog"), "the confirmed dialog is kept for a later release");

        var repeated = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "reinv-tx", Reply((ForwardSipRequest)forward.Message, 200, "OK", HoldAnswer), forward.Continuation, T.AddSeconds(22)));
        Assert.IsFalse(repeated.Commands.Any(c => c.Message is SendDiameterRequest), "a retransmitted 200 changes nothing");
    }

    [TestMethod]
    public async Task UpdateWithANewOffer_UpdatesTheAfSession_WhileUpdatesWithoutSdpAndRefusedOffersLeaveItAlone()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (_, aar) = await ConfirmedAsync(net, ue);

        // A session refresh without a body (RFC 4028) is only relayed; its 2xx may still move bob's contact (RFC 3311 5.1).
        var refresh = await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "upd-tx0", ue.Source, ImsNetwork.PcscfLocal, InDialog(ue, "UPDATE", null, cseq: "2 UPDATE"), T.AddSeconds(20)));
        Assert.AreEqual("rx-target", Assert.ContainsSingle(refresh.Commands).Continuation?.Step);
        Assert.IsFalse(refresh.Commands.Any(c => c.Message is SendDiameterRequest));

        // An offer the far end refuses (RFC 3311 5.1: the session is unchanged) sends nothing to the PCRF.
        var refused = Assert.ContainsSingle((await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "upd-tx1", ue.Source, ImsNetwork.PcscfLocal, InDialog(ue, "UPDATE", HoldOffer, cseq: "3 UPDATE"), T.AddSeconds(21)))).Commands);
        Assert.AreEqual("rx-modify-ue-orig", refused.Continuation?.Step);
        var notAcceptable = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "upd-tx1", Reply((ForwardSipRequest)refused.Message, 488, "Not Acceptable Here", null), refused.Continuation, T.AddSeconds(21)));
        Assert.AreEqual(488, SipWire.Parse(notAcceptable.Single<SendSipResponse>().Message).StatusCode);
        Assert.IsFalse(notAcceptable.Commands.Any(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(Offer, (await RowAsync(net, "orig"))!.GetString("Offer"), "the offer that holds is still the INVITE's");

        var forward = Assert.ContainsSingle((await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "upd-tx2", ue.Source, ImsNetwork.PcscfLocal, InDialog(ue, "UPDATE", HoldOffer, cseq: "4 UPDATE"), T.AddSeconds(22)))).Commands);
        var ok = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "upd-tx2", Reply((ForwardSipRequest)forward.Message, 200, "OK", HoldAnswer), forward.Continuation, T.AddSeconds(23)));

        Assert.AreEqual("UPDATE", SipWire.Parse(ok.Single<SendSipResponse>().Message).CSeq!.Method);
        var update = net.Decode(ok.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(aar.SessionId, update.SessionId);
        Assert.AreEqual(1u, update.GetUnsigned32(Avps.RxRequestType));
        StringAssert.Contains(Child(update.FindAll(Avps.MediaComponentDescription).First(), Avps.CodecData).GetString(), "a=sendonly");
        Assert.AreEqual(HoldAnswer, (await RowAsync(net, "orig"))!.GetString("Answer"));
    }

    [TestMethod]
    public async Task ReInviteFromTheFarEnd_ReachesTheUeThroughTheCore_AndTheUesAnswerUpdatesItsSessionAsTheAnsweringSide()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (_, aar) = await ConfirmedAsync(net, ue);
        // bob (the callee, not served here) puts alice on hold: his From tag is the dialog's To tag.
        var reinvite = Message(
            $"INVITE {ue.Contact} SIP/2.0",
            ["Via: SIP/2.0/UDP 10.1.0.3:6060;branch=z9hG4bKbobre1", "Via: SIP/2.0/UDP 10.0.0.2:5062;branch=z9hG4bKbobre0",
             "Route: <sip:pcscf.ims.example:5060;lr>", "Contact: <sip:bob@10.0.0.2:5062>"],
            HoldAnswer.Replace("a=recvonly", "a=sendonly", StringComparison.Ordinal),
            from: "<sip:bob@ims.example>;tag=b1",
            to: "<sip:alice@ims.example>;tag=a1",
            cseq: "7 INVITE");

        var relayed = await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "bobre-tx", ImsNetwork.ScscfLocal, ImsNetwork.PcscfLocal, reinvite, T.AddSeconds(20)));

        var forward = Assert.ContainsSingle(relayed.Commands);
        Assert.AreEqual(ue.Contact, ((ForwardSipRequest)forward.Message).NextHop);
        Assert.AreEqual("rx-modify-net-orig", forward.Continuation?.Step, "towards alice: the caller's side, offered by the network");

        var aliceAnswer = HoldOffer.Replace("a=sendonly", "a=recvonly", StringComparison.Ordinal);
        var ok = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "bobre-tx", Reply((ForwardSipRequest)forward.Message, 200, "OK", aliceAnswer), forward.Continuation, T.AddSeconds(21)));

        var update = net.Decode(ok.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(aar.SessionId, update.SessionId);
        var audio = update.FindAll(Avps.MediaComponentDescription).First();
        CollectionAssert.AreEqual(
            new[] { "permit in 17 from 10.0.0.1 49180 to 10.0.0.2 30010", "permit out 17 from 10.0.0.2 30010 to 10.0.0.1 49180" },
            Children(Children(audio, Avps.MediaSubComponent).First(), Avps.FlowDescription).Select(f => f.GetString()).ToArray(),
            "alice's end is in the answer now, bob's in the offer");
        var codecs = Children(audio, Avps.CodecData).Select(c => c.GetString()).ToList();
        StringAssert.StartsWith(codecs[0], "downlink\noffer\n", "the offer came from the network");
        StringAssert.StartsWith(codecs[1], "uplink\nanswer\n");
        Assert.AreEqual(1u, U32(Child(audio, Avps.FlowStatus)), "ENABLED-DOWNLINK: alice only receives while held");
        Assert.AreEqual(false, (await RowAsync(net, "orig"))!.GetBoolean("UeOffered"));
    }

    [TestMethod]
    public async Task WithBothUesOnThisPcscf_TheCallersReInvite_ChangesTheCallersSessionFromTheUe_AndTheCalleesFromTheCore()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (_, origAar) = await ConfirmedAsync(net, ue);
        var termAar = await TerminatingAuthorisedAsync(net);

        var fromUe = Assert.ContainsSingle((await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "reinv-tx", ue.Source, ImsNetwork.PcscfLocal, InDialog(ue, "INVITE", HoldOffer), T.AddSeconds(20)))).Commands);
        Assert.AreEqual("rx-modify-ue-orig", fromUe.Continuation?.Step);

        // The same re-INVITE back from the S-CSCF, on its way to bob.
        var throughCore = Message(
            "INVITE sip:bob@10.0.0.2:5062 SIP/2.0",
            ["Via: SIP/2.0/UDP 10.1.0.3:6060;branch=z9hG4bKre2", "Via: SIP/2.0/UDP 10.1.0.1:5060;branch=z9hG4bKre1", $"Via: SIP/2.0/UDP {ue.Source};branch=z9hG4bKre0",
             "Route: <sip:pcscf.ims.example:5060;lr>", $"Contact: <{ue.Contact}>"],
            HoldOffer,
            to: "<sip:bob@ims.example>;tag=b1",
            cseq: "2 INVITE");
        var towardsBob = Assert.ContainsSingle((await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "reinv-core-tx", ImsNetwork.ScscfLocal, ImsNetwork.PcscfLocal, throughCore, T.AddSeconds(20)))).Commands);
        Assert.AreEqual("rx-modify-net-term", towardsBob.Continuation?.Step);

        var bobsOk = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "reinv-core-tx", Reply((ForwardSipRequest)towardsBob.Message, 200, "OK", HoldAnswer), towardsBob.Continuation, T.AddSeconds(21)));
        var termUpdate = net.Decode(bobsOk.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(termAar.SessionId, termUpdate.SessionId);
        StringAssert.EndsWith(termUpdate.SessionId, ";term");

        var alicesOk = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "reinv-tx", Reply((ForwardSipRequest)fromUe.Message, 200, "OK", HoldAnswer), fromUe.Continuation, T.AddSeconds(21)));
        var origUpdate = net.Decode(alicesOk.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(origAar.SessionId, origUpdate.SessionId);
        Assert.AreEqual(HoldOffer, (await RowAsync(net, "term"))!.GetString("Offer"));
        Assert.AreEqual(HoldOffer, (await RowAsync(net, "orig"))!.GetString("Offer"));
    }

    [TestMethod]
    public async Task ModificationRefusedByThePcrf_ReleasesTheCallBothWays_AndSendsStr()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (_, aar) = await ConfirmedAsync(net, ue);
        var forward = Assert.ContainsSingle((await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "reinv-tx", ue.Source, ImsNetwork.PcscfLocal, InDialog(ue, "INVITE", HoldOffer), T.AddSeconds(20)))).Commands);
        var ok = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "reinv-tx", Reply((ForwardSipRequest)forward.Message, 200, "OK", HoldAnswer), forward.Continuation, T.AddSeconds(21)));
        var updateCommand = ok.Commands.Single(c => c.Message is SendDiameterRequest);

        var outcome = await ImsNetwork.RunAsync(net.Pcscf, Aaa(net, updateCommand, net.Decode(updateCommand), DiameterResultCode.AuthorizationRejected));

        var byes = outcome.Commands.Select(c => c.Message).OfType<SendSipRequest>().Select(b => SipWire.Parse(b.Message)).ToList();
        Assert.HasCount(2, byes);
        Assert.IsTrue(byes.All(b => b.Method == "BYE" && b.CallId == CallId));
        var str = net.Decode(outcome.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(275u, str.CommandCode);
        Assert.AreEqual(aar.SessionId, str.SessionId);
        Assert.IsNull(await RowAsync(net, "orig"));
    }

    [TestMethod]
    public async Task AChangedAnswerInTheFinal200_SendsASecondUpdate_AndTheSameAnswerAgainSendsNone()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (forward, aar) = await AuthorisedAsync(net, ue);

        var early = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Final(forward.Command, 183, "Session Progress", Answer), forward.Continuation, T));
        Assert.AreEqual(1u, net.Decode(early.Commands.Single(c => c.Message is SendDiameterRequest)).GetUnsigned32(Avps.RxRequestType));

        var changed = Answer.Replace("m=audio 30000", "m=audio 30020", StringComparison.Ordinal).Replace("o=bob 2 2", "o=bob 2 3", StringComparison.Ordinal);
        var ok = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Final(forward.Command, 200, "OK", changed), forward.Continuation, T));

        var second = net.Decode(ok.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(aar.SessionId, second.SessionId);
        Assert.AreEqual(1u, second.GetUnsigned32(Avps.RxRequestType));
        CollectionAssert.AreEqual(
            new[] { "permit in 17 from 10.0.0.1 49170 to 10.0.0.2 30020", "permit out 17 from 10.0.0.2 30020 to 10.0.0.1 49170" },
            Children(Children(second.FindAll(Avps.MediaComponentDescription).First(), Avps.MediaSubComponent).First(), Avps.FlowDescription).Select(f => f.GetString()).ToArray());
        Assert.AreEqual(changed, (await RowAsync(net, "orig"))!.GetString("Answer"));

        var again = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Final(forward.Command, 200, "OK", changed), forward.Continuation, T));
        Assert.IsFalse(again.Commands.Any(c => c.Message is SendDiameterRequest), "the same answer again is no change");

        // The 183 and 200 with one answer (the usual case) update once only.
        using var net2 = new ImsNetwork(RxOptions());
        using var ue2 = await RegisteredAsync(net2);
        var (forward2, _) = await AuthorisedAsync(net2, ue2);
        await ImsNetwork.RunAsync(net2.Pcscf, net2.Response(ImsRole.Pcscf, "inv-tx", Final(forward2.Command, 183, "Session Progress", Answer), forward2.Continuation, T));
        var same = await ImsNetwork.RunAsync(net2.Pcscf, net2.Response(ImsRole.Pcscf, "inv-tx", Ok(forward2.Command), forward2.Continuation, T));
        Assert.IsFalse(same.Commands.Any(c => c.Message is SendDiameterRequest));
        Assert.IsNotNull((await RowAsync(net2, "orig"))!.GetString("Dialog"));
    }

    [TestMethod]
    public async Task CancelWhileTheInviteWaitsForTheAaa_TheEdges487AfterTheGrant_EndsTheAfSessionWithStr()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        // The UE cancels while the AAR is out: the edge answers 487, and when the AAA grants the media the
        // edge does not forward the INVITE but reports the 487 on the forward's continuation.
        var (forward, aar) = await AuthorisedAsync(net, ue);
        Assert.AreEqual("rx-relay-orig", forward.Continuation.Step);

        var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", EdgeTerminated(forward.Command), forward.Continuation, T.AddSeconds(1)));

        var str = net.Decode(outcome.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(275u, str.CommandCode);
        Assert.AreEqual(aar.SessionId, str.SessionId);
        Assert.IsNull(await RowAsync(net, "orig"));
        Assert.IsFalse(outcome.Commands.Any(c => c.Message is ForwardSipRequest or SendSipRequest), "nothing goes on for a cancelled call");
    }

    [TestMethod]
    public async Task CancelWhileTheInviteWaitsForTheAaa_AndThePcrfRefuses_LeavesNoRowAndNoStr()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var held = (await InviteAsync(net, ue)).Commands[0];

        var refused = await ImsNetwork.RunAsync(net.Pcscf, Aaa(net, held, net.Decode(held), DiameterResultCode.AuthorizationRejected));

        // The 488 meets a transaction the edge already ended with 487; the PCRF holds no session (TS 29.214 4.4.1).
        Assert.AreEqual(488, SipWire.Parse(refused.Single<SendSipResponse>().Message).StatusCode);
        Assert.IsFalse(refused.Commands.Any(c => c.Message is SendDiameterRequest));
        Assert.IsNull(await RowAsync(net, "orig"));
    }

    [TestMethod]
    public async Task CancelOfTheTerminatingInviteWhileItWaitsForTheAaa_EndsOnlyTheCalleesSession()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (_, origAar) = await AuthorisedAsync(net, ue);
        var (termForward, termAar) = await TerminatingForwardAsync(net);

        var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "term-tx", EdgeTerminated(termForward.Command), termForward.Continuation, T.AddSeconds(1)));

        var str = net.Decode(outcome.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(termAar.SessionId, str.SessionId);
        Assert.IsNull(await RowAsync(net, "term"));
        Assert.AreEqual(origAar.SessionId, (await RowAsync(net, "orig"))!.GetString("SessionId"), "the caller's side ends with its own 487");
    }

    [TestMethod]
    public async Task CancelAfterTheInviteWasForwarded_The487FromDownstream_EndsTheAfSessionEvenAfterAnEarlyAnswer()
    {
        using var net = new ImsNetwork(RxOptions());
        using var ue = await RegisteredAsync(net);
        var (forward, aar) = await AuthorisedAsync(net, ue);
        var early = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Final(forward.Command, 183, "Session Progress", Answer), forward.Continuation, T));
        Assert.IsTrue(early.Commands.Any(c => c.Message is SendDiameterRequest));

        var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Final(forward.Command, 487, "Request Terminated"), forward.Continuation, T.AddSeconds(3)));

        Assert.AreEqual(487, SipWire.Parse(outcome.Single<SendSipResponse>().Message).StatusCode);
        var str = net.Decode(outcome.Commands.Single(c => c.Message is SendDiameterRequest));
        Assert.AreEqual(275u, str.CommandCode);
        Assert.AreEqual(aar.SessionId, str.SessionId);
        Assert.IsNull(await RowAsync(net, "orig"));
    }

    // ---- helpers ----

    /// <summary>The call authorised, answered with 200 and so confirmed: the row holds offer, answer and dialog.</summary>
    private static async Task<((ForwardSipRequest Command, Continuation Continuation) Forward, DiameterMessage Aar)> ConfirmedAsync(ImsNetwork net, Ue ue)
    {
        var authorised = await AuthorisedAsync(net, ue);
        var ok = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "inv-tx", Ok(authorised.Forward.Command), authorised.Forward.Continuation, T.AddSeconds(6)));
        var update = ok.Commands.Single(c => c.Message is SendDiameterRequest);
        Assert.IsEmpty((await ImsNetwork.RunAsync(net.Pcscf, Aaa(net, update, net.Decode(update), DiameterResultCode.Success))).Commands);
        return authorised;
    }

    /// <summary>The same call's INVITE coming back from the S-CSCF towards bob, held, authorised and forwarded: the "term" side.</summary>
    private static async Task<((ForwardSipRequest Command, Continuation Continuation) Forward, DiameterMessage Aar)> TerminatingForwardAsync(ImsNetwork net)
    {
        var invite = Message(
            "INVITE sip:bob@10.0.0.2:5062 SIP/2.0",
            ["Via: SIP/2.0/UDP 10.1.0.3:6060;branch=z9hG4bKterm1", "Via: SIP/2.0/UDP 10.0.0.1:5061;branch=z9hG4bKinv1",
             "Route: <sip:term@pcscf.ims.example:5060;lr>", "Record-Route: <sip:scscf.ims.example:6060;lr>",
             "P-Charging-Vector: icid-value=abc123;icid-generated-at=pcscf.ims.example", "P-Asserted-Identity: <sip:alice@ims.example>",
             "Contact: <sip:alice@10.0.0.1:5061>"],
            Offer);
        var held = Assert.ContainsSingle((await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "term-tx", ImsNetwork.ScscfLocal, ImsNetwork.PcscfLocal, invite, T))).Commands);
        var aar = net.Decode(held);
        var forwarded = Assert.ContainsSingle((await ImsNetwork.RunAsync(net.Pcscf, Aaa(net, held, aar, DiameterResultCode.Success))).Commands);
        return (((ForwardSipRequest)forwarded.Message, forwarded.Continuation!), aar);
    }

    private static async Task<DiameterMessage> TerminatingAuthorisedAsync(ImsNetwork net)
    {
        var (forward, aar) = await TerminatingForwardAsync(net);
        var ok = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "term-tx", Ok(forward.Command), forward.Continuation, T.AddSeconds(6)));
        Assert.IsTrue(ok.Commands.Any(c => c.Message is SendDiameterRequest), "bob's answer updates his side");
        return aar;
    }

    /// <summary>An in-dialog request of alice's (the caller, From tag a1) along the dialog's route set.</summary>
    private static byte[] InDialog(Ue ue, string method, string? body, string cseq = "2 INVITE") => Message(
        $"{method} sip:bob@10.0.0.2:5062 SIP/2.0",
        [$"Via: SIP/2.0/UDP {ue.Source};branch=z9hG4bK{method.ToLowerInvariant()}{cseq[0]}", "Route: <sip:pcscf.ims.example:5060;lr>, <sip:scscf.ims.example:6060;lr>", $"Contact: <{ue.Contact}>"],
        body,
        to: "<sip:bob@ims.example>;tag=b1",
        cseq: cseq);

    /// <summary>A response to a forwarded in-dialog request: its Vias, From, To, Call-ID and CSeq, a Contact on 2xx.</summary>
    private static byte[] Reply(ForwardSipRequest forward, int status, string reason, string? body, string contact = "sip:bob@10.0.0.2:5062")
    {
        var sent = Encoding.UTF8.GetString(forward.Message).Split("\r\n");
        var text = new StringBuilder($"SIP/2.0 {status} {reason}\r\n");
        foreach (var line in sent.Where(l => l.StartsWith("Via:", StringComparison.Ordinal) || l.StartsWith("From:", StringComparison.Ordinal)
            || l.StartsWith("To:", StringComparison.Ordinal) || l.StartsWith("Call-ID:", StringComparison.Ordinal) || l.StartsWith("CSeq:", StringComparison.Ordinal)))
        {
            text.Append(line).Append("\r\n");
        }

        if (status is >= 200 and < 300)
        {
            text.Append("Contact: <").Append(contact).Append(">\r\n");
        }

        if (body is not null)
        {
            text.Append("Content-Type: application/sdp\r\n");
        }

        text.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body ?? string.Empty)).Append("\r\n\r\n").Append(body);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The 487 the edge reports for an INVITE cancelled before it was forwarded: built on the forwarded request, To tag "edge".</summary>
    private static byte[] EdgeTerminated(ForwardSipRequest forward) =>
        new Ims.Sip.Building.SipResponseBuilder(SipWire.Parse(forward.Message), 487, "Request Terminated").WithToTag("edge").ToArray();


    private static async Task<Ue> RegisteredAsync(ImsNetwork net)
    {
        await net.ProvisionAsync(Ue.Alice());
        var ue = new Ue();
        var (_, run) = await net.RegisterAkaAsync(ue, T, expires: 3600);
        Assert.AreEqual(200, run.UeResponse.StatusCode);
        return ue;
    }

    private static Task<FunctionOutcome> InviteAsync(ImsNetwork net, Ue ue) =>
        ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "inv-tx", ue.Source, ImsNetwork.PcscfLocal, Message(
            "INVITE sip:bob@ims.example SIP/2.0",
            [$"Via: SIP/2.0/UDP {ue.Source};branch=z9hG4bKinv1", "Route: <sip:pcscf.ims.example:5060;lr>", $"Contact: <{ue.Contact}>"],
            Offer), T.AddSeconds(5)));

    /// <summary>The INVITE authorised and forwarded, and the AAR that authorised it.</summary>
    private static async Task<((ForwardSipRequest Command, Continuation Continuation) Forward, DiameterMessage Aar)> AuthorisedAsync(ImsNetwork net, Ue ue)
    {
        var held = (await InviteAsync(net, ue)).Commands[0];
        var aar = net.Decode(held);
        var outcome = await ImsNetwork.RunAsync(net.Pcscf, Aaa(net, held, aar, DiameterResultCode.Success));
        var command = outcome.Commands.Single();
        return (((ForwardSipRequest)command.Message, command.Continuation!), aar);
    }

    private static byte[] Message(string startLine, IEnumerable<string> headers, string? body, string from = "<sip:alice@ims.example>;tag=a1", string to = "<sip:bob@ims.example>", string cseq = "1 INVITE")
    {
        var text = new StringBuilder(startLine).Append("\r\n");
        foreach (var header in headers)
        {
            text.Append(header).Append("\r\n");
        }

        text.Append("Max-Forwards: 70\r\n").Append("From: ").Append(from).Append("\r\nTo: ").Append(to).Append("\r\n")
            .Append("Call-ID: ").Append(CallId).Append("\r\nCSeq: ").Append(cseq).Append("\r\n");
        if (body is not null)
        {
            text.Append("Content-Type: application/sdp\r\n");
        }

        text.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body ?? string.Empty)).Append("\r\n\r\n").Append(body);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A final response as the next hop sends it back: the forwarded INVITE's Vias, one more Record-Route, bob's Contact.</summary>
    private static byte[] Final(ForwardSipRequest forward, int status, string reason, string? body = null)
    {
        var sent = Encoding.UTF8.GetString(forward.Message).Split("\r\n");
        var headers = sent.Where(l => l.StartsWith("Via:", StringComparison.Ordinal)).ToList();
        if (status is >= 200 and < 300)
        {
            headers.Add("Record-Route: <sip:scscf.ims.example:6060;lr>");
            headers.AddRange(sent.Where(l => l.StartsWith("Record-Route:", StringComparison.Ordinal)));
            headers.Add("Contact: <sip:bob@10.0.0.2:5062>");
        }

        return Message($"SIP/2.0 {status} {reason}", headers, body, to: "<sip:bob@ims.example>;tag=b1");
    }

    private static byte[] Ok(ForwardSipRequest forward) => Final(forward, 200, "OK", Answer);

    private static byte[] Bye(Ue ue) => Message(
        "BYE sip:bob@10.0.0.2:5062 SIP/2.0",
        [$"Via: SIP/2.0/UDP {ue.Source};branch=z9hG4bKbye1", "Route: <sip:pcscf.ims.example:5060;lr>, <sip:scscf.ims.example:6060;lr>"],
        null,
        to: "<sip:bob@ims.example>;tag=b1",
        cseq: "2 BYE");

    private static BusEnvelope Aaa(ImsNetwork net, OutgoingCommand command, DiameterMessage aar, DiameterResultCode code) =>
        net.Envelope(
            new DiameterAnswerReceived(DiameterEncoder.Encode(DiameterMessageBuilder.Answer(aar).AddResultCode(code).Add(Avps.OriginHost, PcrfHost).Add(Avps.OriginRealm, ImsNetwork.Domain).Build()), null),
            T,
            "diameter",
            command.Continuation);

    private static DiameterMessage PcrfRequest(CommandDefinition command, string sessionId, Action<DiameterMessageBuilder> more)
    {
        var builder = DiameterMessageBuilder.Request(command, 0x1234, 0x5678)
            .Add(Avps.SessionId, sessionId)
            .Add(Avps.OriginHost, PcrfHost)
            .Add(Avps.OriginRealm, ImsNetwork.Domain)
            .Add(Avps.DestinationRealm, ImsNetwork.Domain)
            .Add(Avps.DestinationHost, PcscfHost)
            .Add(Avps.AuthApplicationId, DiameterApplicationId.Rx.Value);
        more(builder);
        return builder.Build();
    }

    private static BusEnvelope PcrfEnvelope(ImsNetwork net, DiameterMessage request) =>
        net.Envelope(new DiameterRequestReceived(ImsRole.Pcscf, PcrfHost, DiameterEncoder.Encode(request)), T.AddSeconds(60), "diameter:pcrf");

    private static async Task<TableEntity?> RowAsync(ImsNetwork net, string side)
    {
        var read = await net.Store.GetAsync("PcscfRxSession", TableKey.Encode(CallId), side, CancellationToken.None);
        return read.IsOk ? read.Value : null;
    }

    private static DiameterAvp Child(DiameterAvp group, AvpDefinition definition) =>
        group.Find(definition.Code, definition.VendorId) ?? throw new AssertFailedException($"{definition.Name} missing");

    private static IEnumerable<DiameterAvp> Children(DiameterAvp group, AvpDefinition definition) =>
        group.Children.Where(c => c.Code == definition.Code && c.VendorId == definition.VendorId);

    private static uint U32(DiameterAvp avp) => avp.TryGetUnsigned32(out var value) ? value : throw new AssertFailedException($"AVP {avp.Code} is not Unsigned32");
}
