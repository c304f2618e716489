using System.Text;
using Ims.Cscf.Tests.Kit;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;
using Ims.Sip.Building;
using Ims.Storage;

namespace Ims.Cscf.Tests;

[TestClass]
public sealed class PcscfTests
{
    private static readonly DateTimeOffset T = ImsNetwork.T0;

    [TestMethod]
    public async Task Register_IsForwardedToTheIcscf_WithItsViaPathVisitedNetworkAndIcid()
    {
        using var net = new ImsNetwork();
        using var ue = new Ue();
        // A UE may not choose its visited network (RFC 7315 4.3): whatever it puts there is replaced.
        var register = ue.Register(authorization: ue.InitialAuthorization(), extraHeaders: "P-Visited-Network-ID: \"evil.example\"\r\n");

        var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "p-tx", ue.Source, ImsNetwork.PcscfLocal, register, T));

        var command = outcome.Commands.Single();
        var forward = Assert.IsInstanceOfType<ForwardSipRequest>(command.Message);
        Assert.AreEqual("p-tx", forward.TransactionId);
        Assert.AreEqual(ImsNetwork.IcscfUri, forward.NextHop);
        Assert.AreEqual("pcscf", command.Continuation?.Handler);
        var sent = SipWire.Parse(forward.Message);
        Assert.AreEqual("REGISTER", sent.Method);
        Assert.AreEqual("sip:ims.example", sent.RequestUriText);
        Assert.HasCount(2, sent.Vias);
        Assert.AreEqual(ImsNetwork.PcscfLocal, sent.Vias[0].SentBy);
        Assert.IsTrue(sent.Vias[0].HasRfc3261Branch);
        Assert.AreEqual("z9hG4bKue1", sent.Vias[1].Branch, "the UE's Via stays under the P-CSCF's");
        Assert.AreEqual(69, sent.MaxForwards);
        Assert.IsEmpty(sent.Routes, "the P-CSCF's own Route entry is popped");
        var path = Assert.ContainsSingle(sent.Paths);
        Assert.AreEqual("sip:term@pcscf.ims.example:5060;lr", path.Uri.Text);
        Assert.AreEqual(ImsNetwork.Visited, sent.PVisitedNetworkId);
        Assert.AreEqual(1, sent.Count(Ims.Sip.Parsing.SipHeaderKind.PVisitedNetworkId));
        var vector = sent.PChargingVector;
        Assert.IsNotNull(vector);
        Assert.IsFalse(string.IsNullOrEmpty(vector.IcidValue));
        Assert.AreEqual("pcscf.ims.example", vector.IcidGeneratedAt);
        // Everything else the UE wrote arrives unchanged.
        Assert.AreEqual(ue.CallId, sent.CallId);
        Assert.AreEqual(ue.Contact, sent.Contacts.Single().Address!.Uri.Text);
        Assert.AreEqual(ue.InitialAuthorization(), sent.First(Ims.Sip.Parsing.SipHeaderKind.Authorization));
    }

    [TestMethod]
    public async Task EachRegister_GetsItsOwnBranchAndIcid()
    {
        using var net = new ImsNetwork();
        using var ue = new Ue();
        var first = SipWire.Parse(((ForwardSipRequest)(await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "a", ue.Source, ImsNetwork.PcscfLocal, ue.Register(), T))).Commands[0].Message).Message);
        var second = SipWire.Parse(((ForwardSipRequest)(await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "b", ue.Source, ImsNetwork.PcscfLocal, ue.Register(), T))).Commands[0].Message).Message);
        Assert.AreNotEqual(first.TopVia!.Branch, second.TopVia!.Branch);
        Assert.AreNotEqual(first.PChargingVector!.IcidValue, second.PChargingVector!.IcidValue);
    }

    [TestMethod]
    public async Task Challenge_ReachesTheUe_WithoutCkAndIk()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();

        var run = await net.ChallengeAsync(ue, T);

        var atScscf = run.Scscf!.Response.WwwAuthenticate!;
        Assert.IsNotNull(atScscf.Ck, "the S-CSCF gives CK to the P-CSCF");
        Assert.IsNotNull(atScscf.Ik, "the S-CSCF gives IK to the P-CSCF");
        var atUe = run.UeResponse;
        Assert.AreEqual(401, atUe.StatusCode);
        var www = atUe.WwwAuthenticate!;
        Assert.IsNull(www.Ck);
        Assert.IsNull(www.Ik);
        Assert.DoesNotContain(atScscf.Ck!, Encoding.UTF8.GetString(run.UeBytes));
        Assert.DoesNotContain(atScscf.Ik!, Encoding.UTF8.GetString(run.UeBytes));
        Assert.AreEqual(atScscf.Nonce, www.Nonce);
        Assert.AreEqual(atScscf.Realm, www.Realm);
        Assert.AreEqual(atScscf.Algorithm, www.Algorithm);
        Assert.AreEqual(atScscf.Qop, www.Qop);
        // Only the UE's own Via is left when the response reaches it (RFC 3261 16.7 step 3).
        var via = Assert.ContainsSingle(atUe.Vias);
        Assert.AreEqual("z9hG4bKue1", via.Branch);
        Assert.IsEmpty(run.PcscfResponse.Commands.Skip(1), "a 401 stores nothing and schedules nothing");
    }

    [TestMethod]
    public async Task Ok_StoresTheRegistration_AndSchedulesItsExpiry()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();

        var (_, run) = await net.RegisterAkaAsync(ue, T, expires: 600);

        Assert.AreEqual(200, run.UeResponse.StatusCode);
        var timer = run.PcscfResponse.Single<ScheduleTimer>();
        Assert.StartsWith("pcscf|", timer.TimerId);
        Assert.AreEqual(T.AddSeconds(600), timer.Due);
        var rows = await Rows(net, "PcscfRegistration");
        var row = Assert.ContainsSingle(rows);
        Assert.AreEqual(ue.Contact, row.GetString("Contact"));
        Assert.AreEqual(ue.Impu, row.GetString("Aor"));
        Assert.AreEqual(T.AddSeconds(600), row.GetDateTimeOffset("ExpiresAt"));
        CollectionAssert.AreEquivalent(new[] { "sip:alice@ims.example", "tel:+15550100" }, row.GetString("Impus")!.Split('\n'));
        StringAssert.Contains(row.GetString("ServiceRoute"), "sip:orig@scscf.ims.example:6060;lr");

        // Registered: the UE's next request goes to its S-CSCF along the Service-Route, with the asserted identity (TS 24.229 5.2.6.3).
        var forward = (await MessageOutcome(net, ue.Source, T.AddSeconds(10))).Single<ForwardSipRequest>();
        StringAssert.Contains(forward.NextHop, "sip:orig@scscf.ims.example:6060");
        var forwarded = SipWire.Parse(forward.Message);
        Assert.AreEqual("sip:alice@ims.example", forwarded.PAssertedIdentities.Single().Uri.Text);
        Assert.AreEqual("orig", forwarded.Routes[0].Uri.User);
        // Another address is not registered.
        Assert.AreEqual(403, (await Message(net, "10.0.0.99:5061", T.AddSeconds(10))).StatusCode);
    }

    [TestMethod]
    public async Task NonRegister_FromAnUnregisteredUe_Gets403()
    {
        using var net = new ImsNetwork();
        using var ue = new Ue();

        var response = await Message(net, ue.Source, T);

        Assert.AreEqual(403, response.StatusCode);
        Assert.AreEqual("z9hG4bKmsg", response.TopVia!.Branch);
        Assert.IsNotNull(response.To!.Tag);
        Assert.AreEqual("msg-1", response.CallId);
        Assert.AreEqual("MESSAGE", response.CSeq!.Method);
    }

    [TestMethod]
    public async Task ExpiryTimer_RemovesTheRegistration_OnlyWhenDue()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var (_, run) = await net.RegisterAkaAsync(ue, T, expires: 600);
        var timer = run.PcscfResponse.Single<ScheduleTimer>();

        // Fired early (a refreshed registration moves ExpiresAt on): nothing removed.
        var early = await ImsNetwork.RunAsync(net.Pcscf, net.Timer(timer, timer.Due.AddSeconds(-1)));
        Assert.IsEmpty(early.Commands);
        Assert.HasCount(1, await Rows(net, "PcscfRegistration"));

        var due = await ImsNetwork.RunAsync(net.Pcscf, net.Timer(timer, timer.Due));
        Assert.IsEmpty(due.Commands);
        Assert.IsEmpty(await Rows(net, "PcscfRegistration"));
        Assert.AreEqual(403, (await Message(net, ue.Source, timer.Due)).StatusCode);

        // At least once: the same timer again finds nothing and changes nothing.
        var again = await ImsNetwork.RunAsync(net.Pcscf, net.Timer(timer, timer.Due));
        Assert.IsEmpty(again.Commands);
    }

    [TestMethod]
    public async Task Registration_LapsesWithoutTheTimer_ForRequestsAfterExpiry()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        await net.RegisterAkaAsync(ue, T, expires: 600);

        Assert.AreEqual(403, (await Message(net, ue.Source, T.AddSeconds(601))).StatusCode);
    }

    [TestMethod]
    public async Task Deregistration_RemovesTheRegistration_AndCancelsTheTimer()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var (_, registered) = await net.RegisterAkaAsync(ue, T, expires: 600);
        var timer = registered.PcscfResponse.Single<ScheduleTimer>();

        var (_, run) = await net.RegisterAkaAsync(ue, T.AddSeconds(30), expires: 0);

        Assert.AreEqual(200, run.UeResponse.StatusCode);
        Assert.AreEqual(timer.TimerId, run.PcscfResponse.Single<CancelTimer>().TimerId);
        Assert.IsEmpty(await Rows(net, "PcscfRegistration"));
    }

    [TestMethod]
    public async Task Response_WhoseTopViaIsNotThePcscfs_IsDropped()
    {
        using var net = new ImsNetwork();
        using var ue = new Ue();
        var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "p-tx", ue.Source, ImsNetwork.PcscfLocal, ue.Register(), T));
        var command = outcome.Commands.Single();
        var forwarded = SipWire.Parse(((ForwardSipRequest)command.Message).Message);
        var ours = forwarded.TopVia!.Branch!;

        // The same response with our branch is relayed; with another branch on top it is dropped.
        var genuine = new SipResponseBuilder(forwarded, 401, "Unauthorized").Add("WWW-Authenticate", "Digest realm=\"ims.example\", nonce=\"abc\", algorithm=MD5").ToArray();
        var relayed = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "p-tx", genuine, command.Continuation, T));
        Assert.AreEqual(401, SipWire.Parse(relayed.Single<SendSipResponse>().Message).StatusCode);

        var foreign = Encoding.UTF8.GetString(genuine).Replace(ours, "z9hG4bKsomeoneelse", StringComparison.Ordinal);
        var dropped = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "p-tx", Encoding.UTF8.GetBytes(foreign), command.Continuation, T));
        Assert.IsEmpty(dropped.Commands, dropped.Decision);
    }

    [TestMethod]
    public async Task Trying_IsAbsorbed()
    {
        using var net = new ImsNetwork();
        using var ue = new Ue();
        var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, "p-tx", ue.Source, ImsNetwork.PcscfLocal, ue.Register(), T));
        var command = outcome.Commands.Single();
        var trying = new SipResponseBuilder(SipWire.Parse(((ForwardSipRequest)command.Message).Message), 100, "Trying").ToArray();

        var absorbed = await ImsNetwork.RunAsync(net.Pcscf, net.Response(ImsRole.Pcscf, "p-tx", trying, command.Continuation, T));

        Assert.IsEmpty(absorbed.Commands);
    }

    private static async Task<SipMessage> Message(ImsNetwork net, string source, DateTimeOffset time) =>
        SipWire.Parse((await MessageOutcome(net, source, time)).Single<SendSipResponse>().Message);

    private static async Task<FunctionOutcome> MessageOutcome(ImsNetwork net, string source, DateTimeOffset time)
    {
        var message = Encoding.UTF8.GetBytes(
            "MESSAGE sip:bob@ims.example SIP/2.0\r\n"
            + $"Via: SIP/2.0/UDP {source};branch=z9hG4bKmsg\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:alice@ims.example>;tag=m1\r\n"
            + "To: <sip:bob@ims.example>\r\n"
            + "Call-ID: msg-1\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: 2\r\n\r\nhi");
        return await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, net.NextId("msg"), source, ImsNetwork.PcscfLocal, message, time));
    }

    internal static async Task<List<TableEntity>> Rows(ImsNetwork net, string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in net.Store.QueryAsync(table, TableQuery.All, CancellationToken.None))
        {
            rows.Add(entity);
        }

        return rows;
    }
}
