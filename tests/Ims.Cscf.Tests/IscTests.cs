using System.Text;
using Ims.Cscf.Tests.Kit;
using Ims.Diameter.Dictionary;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;

namespace Ims.Cscf.Tests;

/// <summary>
/// The S-CSCF's service logic on INVITE (TS 24.229 5.4.3.2/5.4.3.3): iFCs of the served user from
/// the SAA's User-Data (as the real HSS sends it), ISC towards the AS with the odi, continuation after
/// the AS, DefaultHandling when the AS is silent, unregistered services, diversion and loops.
/// </summary>
[TestClass]
public sealed class IscTests
{
    private const string AsOne = "sip:as1.ims.example:5070";
    private const string AsTwo = "sip:as2.ims.example:5071";
    private static readonly DateTimeOffset T = ImsNetwork.T0;

    private static string Criterion(int priority, string server, string trigger, int defaultHandling = 0, int? profilePart = null) => $"""
        <InitialFilterCriteria>
          <Priority>{priority}</Priority>
          <TriggerPoint><ConditionTypeCNF>1</ConditionTypeCNF>{trigger}</TriggerPoint>
          <ApplicationServer><ServerName>{server}</ServerName><DefaultHandling>{defaultHandling}</DefaultHandling></ApplicationServer>
          {(profilePart is { } p ? $"<ProfilePartIndicator>{p}</ProfilePartIndicator>" : string.Empty)}
        </InitialFilterCriteria>
        """;

    private static string Spt(int group, string body, bool negated = false) =>
        $"<SPT><ConditionNegated>{(negated ? 1 : 0)}</ConditionNegated><Group>{group}</Group>{body}</SPT>";

    private static readonly string InviteOriginating =
        Spt(0, "<Method>INVITE</Method>") + Spt(1, "<SessionCase>0</SessionCase>");

    [TestMethod]
    public async Task OriginatingInvite_GoesToEachMatchingAsInPriorityOrder_ThenToTheIcscf()
    {
        using var net = new ImsNetwork();
        // Listed out of order: priority decides. The MESSAGE criterion never matches an INVITE.
        await net.ProvisionAsync(Ue.Alice() with
        {
            IfcXml = Criterion(20, AsTwo, InviteOriginating)
                + Criterion(5, "sip:im.ims.example", Spt(0, "<Method>MESSAGE</Method>"))
                + Criterion(10, AsOne, InviteOriginating),
        });
        using var alice = new Ue();
        await net.RegisterAkaAsync(alice, T);

        var first = await Run(net, Originating("call-1"));
        var toAsOne = first.Single<ForwardSipRequest>();
        Assert.AreEqual(AsOne + ";lr", toAsOne.NextHop);
        Assert.AreEqual(net.Options.ApplicationServerTimeout, toAsOne.ResponseTimeout);
        StringAssert.Contains(first.Decision, "iFC priority 10");
        var atAsOne = SipWire.Parse(toAsOne.Message);
        Assert.HasCount(2, atAsOne.Routes);
        Assert.AreEqual(AsOne, atAsOne.Routes[0].Uri.Text.Replace(";lr", string.Empty, StringComparison.Ordinal));
        Assert.AreEqual("scscf.ims.example", atAsOne.Routes[1].Uri.Host);
        Assert.IsNotNull(Odi(atAsOne), "the S-CSCF's own Route carries the odi");
        Assert.AreEqual("scscf.ims.example", atAsOne.RecordRoutes[0].Uri.Host, "Record-Route on the way in");

        // The AS proxies the request back: its Via on top, its own Route entry popped.
        var second = await Run(net, FromApplicationServer(atAsOne, "10.9.0.1:5070"));
        var toAsTwo = second.Single<ForwardSipRequest>();
        Assert.AreEqual(AsTwo + ";lr", toAsTwo.NextHop);
        StringAssert.Contains(second.Decision, "iFC priority 20");
        var atAsTwo = SipWire.Parse(toAsTwo.Message);
        Assert.HasCount(2, atAsTwo.RecordRoutes, "the P-CSCF's and one for the originating S-CSCF, not one per pass");

        var third = await Run(net, FromApplicationServer(atAsTwo, "10.9.0.2:5071"));
        var onward = third.Single<ForwardSipRequest>();
        Assert.AreEqual(ImsNetwork.IcscfUri, onward.NextHop);
        Assert.IsNull(onward.ResponseTimeout);
        StringAssert.Contains(third.Decision, "no further iFC matches");
        Assert.IsEmpty(SipWire.Parse(onward.Message).Routes);
    }

    [TestMethod]
    public async Task NegatedOrNonMatchingTriggers_SendTheInviteStraightOn()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice() with
        {
            // CNF: INVITE AND NOT a Request-URI of bob: this INVITE is to bob, so it does not match.
            IfcXml = Criterion(1, AsOne, Spt(0, "<Method>INVITE</Method>") + Spt(1, "<RequestURI>bob@</RequestURI>", negated: true)),
        });
        using var alice = new Ue();
        await net.RegisterAkaAsync(alice, T);

        var outcome = await Run(net, Originating("call-2"));

        Assert.AreEqual(ImsNetwork.IcscfUri, outcome.Single<ForwardSipRequest>().NextHop);
        StringAssert.Contains(outcome.Decision, "no iFC matches");
    }

    [TestMethod]
    public async Task SilentAs_WithSessionContinued_IsSkipped_OnANewBranch_AndItsResponsesStillRelay()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice() with { IfcXml = Criterion(1, AsOne, InviteOriginating, defaultHandling: 0) });
        using var alice = new Ue();
        await net.RegisterAkaAsync(alice, T);
        var received = Originating("call-3");
        var toAs = (await Run(net, received)).Commands.Single();
        var forwarded = SipWire.Parse(((ForwardSipRequest)toAs.Message).Message);

        // What the edge reports when the AS says nothing within the timeout (RFC 3261 16.8).
        var timeout = await Run(net, net.Response(ImsRole.Scscf, "s-call-3", Build408(forwarded), toAs.Continuation, T));

        var onward = timeout.Commands.Single();
        var forward = Assert.IsInstanceOfType<ForwardSipRequest>(onward.Message);
        Assert.AreEqual(ImsNetwork.IcscfUri, forward.NextHop);
        StringAssert.Contains(timeout.Decision, "SESSION_CONTINUED");
        var resent = SipWire.Parse(forward.Message);
        Assert.AreNotEqual(forwarded.TopVia!.Branch, resent.TopVia!.Branch, "a new client transaction needs a new branch");
        Assert.HasCount(2, resent.RecordRoutes, "the P-CSCF's and the S-CSCF's, which the lost AS leg must not lose");

        // The callee's 180 comes back on the new branch and goes upstream without the S-CSCF's Via.
        var ringing = Encoding.ASCII.GetBytes(ResponseTo(resent, 180, "Ringing"));
        var relayed = await Run(net, net.Response(ImsRole.Scscf, "s-call-3", ringing, onward.Continuation, T));
        var upstream = SipWire.Parse(relayed.Single<SendSipResponse>().Message);
        Assert.AreEqual(180, upstream.StatusCode);
        Assert.AreEqual(SipWire.Parse(received.Message is SipRequestReceived r ? r.Message : []).TopVia!.Branch, upstream.TopVia!.Branch);
    }

    [TestMethod]
    public async Task SilentAs_WithSessionTerminated_EndsTheRequest()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice() with { IfcXml = Criterion(1, AsOne, InviteOriginating, defaultHandling: 1) });
        using var alice = new Ue();
        await net.RegisterAkaAsync(alice, T);
        var toAs = (await Run(net, Originating("call-4"))).Commands.Single();
        var forwarded = SipWire.Parse(((ForwardSipRequest)toAs.Message).Message);

        var timeout = await Run(net, net.Response(ImsRole.Scscf, "s-call-4", Build408(forwarded), toAs.Continuation, T));

        var response = SipWire.Parse(timeout.Single<SendSipResponse>().Message);
        Assert.AreEqual(408, response.StatusCode);
        StringAssert.Contains(timeout.Decision, "SESSION_TERMINATED");
        Assert.IsEmpty(timeout.Commands.Select(c => c.Message).OfType<ForwardSipRequest>());
    }

    [TestMethod]
    public async Task AsAnswering5xx_IsDefaultHandledToo_AndA486IsJustRelayed()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice() with { IfcXml = Criterion(1, AsOne, InviteOriginating, defaultHandling: 0) });
        using var alice = new Ue();
        await net.RegisterAkaAsync(alice, T);
        var toAs = (await Run(net, Originating("call-5"))).Commands.Single();
        var forwarded = SipWire.Parse(((ForwardSipRequest)toAs.Message).Message);

        var unavailable = await Run(net, net.Response(ImsRole.Scscf, "s-call-5", Encoding.ASCII.GetBytes(ResponseTo(forwarded, 503, "Service Unavailable")), toAs.Continuation, T));
        Assert.AreEqual(ImsNetwork.IcscfUri, unavailable.Single<ForwardSipRequest>().NextHop);

        var busy = await Run(net, net.Response(ImsRole.Scscf, "s-call-5", Encoding.ASCII.GetBytes(ResponseTo(forwarded, 486, "Busy Here")), toAs.Continuation, T));
        Assert.AreEqual(486, SipWire.Parse(busy.Single<SendSipResponse>().Message).StatusCode);
    }

    [TestMethod]
    public async Task TerminatingInvite_RunsTheCalleesTerminatingIfc_ThenReachesItsContactThroughPath()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Named("bob") with { IfcXml = Criterion(1, AsOne, Spt(0, "<SessionCase>1</SessionCase>")) });
        using var bob = new Ue("bob", "10.0.0.2:5061");
        await net.RegisterAkaAsync(bob, T);

        var first = await Run(net, Terminating("call-6", "sip:bob@ims.example"));
        var toAs = first.Single<ForwardSipRequest>();
        Assert.AreEqual(AsOne + ";lr", toAs.NextHop);

        var back = await Run(net, FromApplicationServer(SipWire.Parse(toAs.Message), "10.9.0.1:5070"));
        var toBob = SipWire.Parse(back.Single<ForwardSipRequest>().Message);
        Assert.AreEqual(bob.Contact, toBob.RequestUriText);
        Assert.AreEqual("pcscf.ims.example", toBob.Routes[0].Uri.Host, "through the Path of bob's registration");
        StringAssert.StartsWith(back.Single<ForwardSipRequest>().NextHop, "sip:term@pcscf.ims.example:5060");
    }

    [TestMethod]
    public async Task UnregisteredCallee_GetsItsUnregisteredServices_ThroughSarUnregisteredUser()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Named("carol") with { IfcXml = Criterion(1, AsOne, Spt(0, "<SessionCase>2</SessionCase>"), profilePart: 1) });

        var first = await Run(net, Terminating("call-7", "sip:carol@ims.example"));
        var sar = net.Decode(first.Commands.Single());
        Assert.AreEqual(301u, sar.CommandCode);
        Assert.AreEqual(3u, sar.GetUnsigned32(Avps.ServerAssignmentType), "UNREGISTERED_USER");
        Assert.IsNull(sar.GetString(Avps.UserName), "no IMPI is known for a user that never registered here");

        var saa = await Run(net, await net.AnswerAsync(first.Commands.Single(), T));
        Assert.AreEqual(AsOne + ";lr", saa.Single<ForwardSipRequest>().NextHop);
        StringAssert.Contains(saa.Decision, "unregistered");

        // The profile is kept: a second call needs no SAR; back from the AS there is no contact: 480.
        var again = await Run(net, Terminating("call-8", "sip:carol@ims.example"));
        var toAs = again.Single<ForwardSipRequest>();
        var back = await Run(net, FromApplicationServer(SipWire.Parse(toAs.Message), "10.9.0.1:5070"));
        Assert.AreEqual(480, SipWire.Parse(back.Single<SendSipResponse>().Message).StatusCode);
    }

    [TestMethod]
    public async Task TerminatingAsRetargeting_DivertsTheCall_TowardsTheNewTarget()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Named("bob") with { IfcXml = Criterion(1, AsOne, Spt(0, "<SessionCase>1</SessionCase>")) });
        using var bob = new Ue("bob", "10.0.0.2:5061");
        await net.RegisterAkaAsync(bob, T);
        var toAs = (await Run(net, Terminating("call-9", "sip:bob@ims.example"))).Single<ForwardSipRequest>();

        var diverted = FromApplicationServer(SipWire.Parse(toAs.Message), "10.9.0.1:5070", newTarget: "sip:voicemail@ims.example");
        var outcome = await Run(net, diverted);

        Assert.AreEqual(ImsNetwork.IcscfUri, outcome.Single<ForwardSipRequest>().NextHop);
        StringAssert.Contains(outcome.Decision, "diverted");
    }

    [TestMethod]
    public async Task ForgedOdi_Gets400_AndALoopGets482()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice() with { IfcXml = Criterion(1, AsOne, InviteOriginating) });
        using var alice = new Ue();
        await net.RegisterAkaAsync(alice, T);
        var toAs = SipWire.Parse((await Run(net, Originating("call-10"))).Single<ForwardSipRequest>().Message);

        var text = Encoding.ASCII.GetString(FromApplicationServerBytes(toAs, "10.9.0.1:5070"));
        var odi = Odi(toAs)!;
        var forged = Encoding.ASCII.GetBytes(text.Replace(odi, "AAAA." + odi[^8..], StringComparison.Ordinal));
        var refused = await Run(net, net.Request(ImsRole.Scscf, "s-forged", "10.9.0.1:5070", ImsNetwork.ScscfLocal, forged, T));
        Assert.AreEqual(400, SipWire.Parse(refused.Single<SendSipResponse>().Message).StatusCode);

        // The request the S-CSCF forwarded comes straight back to it unchanged (a misrouting AS):
        // same Request-URI, Route, tags, Call-ID and CSeq, the S-CSCF's Via inside.
        var original = SipWire.Parse(((SipRequestReceived)Originating("call-10").Message).Message);
        var loop = await Run(net, net.Request(ImsRole.Scscf, "s-loop", "10.9.0.1:5070", ImsNetwork.ScscfLocal, Rewrap(original, toAs), T));
        Assert.AreEqual(482, SipWire.Parse(loop.Single<SendSipResponse>().Message).StatusCode);
    }

    private static async Task<FunctionOutcome> Run(ImsNetwork net, BusEnvelope envelope) => await ImsNetwork.RunAsync(net.Scscf, envelope);

    private static string? Odi(SipMessage request) =>
        request.Routes.Select(r => Ims.Sip.Syntax.SipParameters.Get(r.Uri.Parameters, "odi")).FirstOrDefault(v => v is not null);

    /// <summary>An INVITE as alice's P-CSCF sends it along her Service-Route.</summary>
    private static BusEnvelope Originating(string callId) => Envelope(callId, $"""
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
        Content-Type: application/sdp
        Content-Length: 0


        """);

    /// <summary>An INVITE as the I-CSCF forwards it to the callee's S-CSCF.</summary>
    private static BusEnvelope Terminating(string callId, string callee) => Envelope(callId, $"""
        INVITE {callee} SIP/2.0
        Via: SIP/2.0/UDP {ImsNetwork.IcscfLocal};branch=z9hG4bK{callId}i
        Via: SIP/2.0/UDP 10.0.0.7:5061;branch=z9hG4bK{callId}ue
        Max-Forwards: 68
        From: <sip:dave@other.example>;tag=d{callId}
        To: <{callee}>
        Call-ID: {callId}
        CSeq: 1 INVITE
        Contact: <sip:dave@10.0.0.7:5061>
        P-Asserted-Identity: <sip:dave@other.example>
        Content-Length: 0


        """);

    private static BusEnvelope Envelope(string callId, string text) =>
        new($"evt-{callId}-{text.GetHashCode(StringComparison.Ordinal)}", T, "edge-1", callId, $"s-{callId}",
            new SipRequestReceived(ImsRole.Scscf, $"s-{callId}", SipTransport.Udp, ImsNetwork.PcscfLocal, ImsNetwork.ScscfLocal, Encoding.ASCII.GetBytes(text.ReplaceLineEndings("\r\n"))));

    /// <summary>What an AS acting as a proxy sends back (TS 24.229 5.7.5): its Via on top, its own Route popped, the odi Route kept.</summary>
    private static BusEnvelope FromApplicationServer(SipMessage atAs, string asAddress, string? newTarget = null)
    {
        var bytes = FromApplicationServerBytes(atAs, asAddress, newTarget);
        var callId = atAs.CallId!;
        return new BusEnvelope($"evt-back-{Guid.NewGuid():N}", T, "edge-1", callId, $"s-back-{callId}",
            new SipRequestReceived(ImsRole.Scscf, $"s-back-{callId}", SipTransport.Udp, asAddress, ImsNetwork.ScscfLocal, bytes));
    }

    private static byte[] FromApplicationServerBytes(SipMessage atAs, string asAddress, string? newTarget = null)
    {
        var editor = new Ims.Sip.Building.SipMessageEditor(atAs);
        editor.AddFirst("Via", $"SIP/2.0/UDP {asAddress};branch=z9hG4bKas{Guid.NewGuid():N}");
        editor.RemoveFirstValue(Ims.Sip.Parsing.SipHeaderKind.Route);
        editor.DecrementMaxForwards();
        if (newTarget is not null)
        {
            editor.SetRequestUri(newTarget);
        }

        return editor.ToArray();
    }

    // The request with the original's Request-URI and top Route restored, so that its loop-detection part matches the S-CSCF's Via.
    private static byte[] Rewrap(SipMessage original, SipMessage forwarded)
    {
        var editor = new Ims.Sip.Building.SipMessageEditor(forwarded);
        editor.AddFirst("Via", "SIP/2.0/UDP 10.9.0.1:5070;branch=z9hG4bKloop");
        while (SipWire.Parse(editor.ToArray()).Routes.Count > 0)
        {
            editor.RemoveFirstValue(Ims.Sip.Parsing.SipHeaderKind.Route);
        }

        editor.AddFirst("Route", original.First(Ims.Sip.Parsing.SipHeaderKind.Route)!);
        return editor.ToArray();
    }

    private static byte[] Build408(SipMessage forwarded) => Encoding.ASCII.GetBytes(ResponseTo(forwarded, 408, "Request Timeout"));

    private static string ResponseTo(SipMessage request, int status, string reason)
    {
        var builder = new Ims.Sip.Building.SipResponseBuilder(request, status, reason);
        if (status > 100)
        {
            builder.WithToTag("callee");
        }

        return Encoding.ASCII.GetString(builder.ToArray());
    }
}
