using System.Text;
using Ims.Aka.Milenage;
using Ims.Aka.Sequence;
using Ims.Aka.Usim;
using Ims.Cscf.Tests.Kit;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Hss.Subscribers;

namespace Ims.Cscf.Tests;

[TestClass]
public sealed class ScscfTests
{
    private static readonly DateTimeOffset T = ImsNetwork.T0;

    [TestMethod]
    public async Task NoCredentials_SendsMar_AndChallengesWithAnAkaNonceAndTheKeys()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();

        var run = await net.ChallengeAsync(ue, T);

        var mar = Assert.ContainsSingle(run.Scscf!.Diameter);
        Assert.AreEqual(303u, mar.CommandCode);
        Assert.AreEqual("alice@ims.example", mar.GetString(Avps.UserName));
        Assert.AreEqual("sip:alice@ims.example", mar.GetString(Avps.PublicIdentity));
        Assert.AreEqual(ImsNetwork.ScscfUri, mar.GetString(Avps.ServerName));
        Assert.AreEqual("scscf.ims.example", mar.OriginHost);
        Assert.AreEqual(1u, mar.GetUnsigned32(Avps.SipNumberAuthItems));
        var item = mar.Find(Avps.SipAuthDataItem)!;
        Assert.IsNull(item.Find(Avps.SipAuthorization.Code, Avps.SipAuthorization.VendorId), "no resynchronisation asked");

        var challenge = run.Scscf.Response;
        Assert.AreEqual(401, challenge.StatusCode);
        var www = challenge.WwwAuthenticate!;
        Assert.AreEqual("Digest", www.Scheme);
        Assert.AreEqual("AKAv1-MD5", www.Algorithm);
        Assert.AreEqual(ImsNetwork.Domain, www.Realm);
        Assert.AreEqual("auth", www.Qop);
        Assert.IsNull(www.Param("stale"));
        var nonce = Convert.FromBase64String(www.Nonce!);
        Assert.HasCount(32, nonce, "RAND || AUTN");
        // The nonce is a genuine vector of the subscriber's keys: the USIM verifies AUTN and
        // derives the CK and IK the S-CSCF hands to the P-CSCF.
        using var milenage = new MilenageAlgorithm(SubscriberKeys.FromOp(Convert.FromHexString(Ue.K), Convert.FromHexString(Ue.Op)));
        var usim = UsimAuthentication.Answer(milenage, UsimSqnState.Initial, nonce.AsSpan(0, 16), nonce.AsSpan(16));
        Assert.IsTrue(usim.Succeeded, usim.Message);
        Assert.AreEqual(UsimAnswerKind.Accepted, usim.Value.Kind);
        var keys = milenage.F2345(nonce.AsSpan(0, 16));
        Assert.AreEqual(Convert.ToHexStringLower(keys.Ck.Span), www.Ck);
        Assert.AreEqual(Convert.ToHexStringLower(keys.Ik.Span), www.Ik);
        Assert.IsNotNull(challenge.To!.Tag);

        var lapse = run.Scscf.Commands.OfType<ScheduleTimer>().Single();
        Assert.StartsWith("scscf-auth|", lapse.TimerId);
        Assert.AreEqual(T + net.Options.ChallengeLifetime, lapse.Due);
    }

    [TestMethod]
    public async Task CorrectResponse_SendsSarRegistration_AndAnswers200WithBindingsPathServiceRouteAndAssociatedUris()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();

        var (_, run) = await net.RegisterAkaAsync(ue, T, expires: 600);

        var sar = Assert.ContainsSingle(run.Scscf!.Diameter);
        Assert.AreEqual(301u, sar.CommandCode);
        Assert.AreEqual((uint)ServerAssignmentType.Registration, sar.GetUnsigned32(Avps.ServerAssignmentType));
        Assert.AreEqual("alice@ims.example", sar.GetString(Avps.UserName));
        Assert.AreEqual("sip:alice@ims.example", sar.GetString(Avps.PublicIdentity));
        Assert.AreEqual(ImsNetwork.ScscfUri, sar.GetString(Avps.ServerName));

        var ok = run.Scscf.Response;
        Assert.AreEqual(200, ok.StatusCode);
        var contact = Assert.ContainsSingle(ok.Contacts);
        Assert.AreEqual(ue.Contact, contact.Address!.Uri.Text);
        Assert.AreEqual(600, contact.Expires);
        Assert.AreEqual("sip:term@pcscf.ims.example:5060;lr", ok.Paths.Single().Uri.Text);
        Assert.AreEqual("sip:orig@scscf.ims.example:6060;lr", ok.ServiceRoutes.Single().Uri.Text);
        // The implicit set of the registered IMPU, barred identities and other sets left out.
        CollectionAssert.AreEqual(new[] { "sip:alice@ims.example", "tel:+15550100" }, ok.PAssociatedUris.Select(a => a.Uri.Text).ToArray());

        var expiry = run.Scscf.Commands.OfType<ScheduleTimer>().Single();
        Assert.StartsWith("scscf|", expiry.TimerId);
        Assert.AreEqual(T.AddSeconds(600), expiry.Due);
        var alice = await net.ShowAsync(ue.Impi);
        var impu = alice.Impus.Single(i => i.Impu == ue.Impu);
        Assert.AreEqual(RegistrationState.Registered, impu.State);
        Assert.AreEqual(ImsNetwork.ScscfUri, impu.ServerName);
        Assert.AreEqual(200, run.UeResponse.StatusCode);
    }

    [TestMethod]
    public async Task Expires_AboveTheMaximum_IsShortened()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();

        var (_, run) = await net.RegisterAkaAsync(ue, T, expires: 7200);

        Assert.AreEqual(net.Options.MaxExpires, run.Scscf!.Response.Contacts.Single().Expires);
        Assert.AreEqual(T.AddSeconds(net.Options.MaxExpires), run.PcscfResponse.Single<ScheduleTimer>().Due);
    }

    [TestMethod]
    public async Task WrongResponse_Gets403_AndTheNonceCannotBeUsedAgain()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var challenge = await net.ChallengeAsync(ue, T);
        var www = challenge.UeResponse.WwwAuthenticate!;
        var good = ue.AnswerAka(challenge.UeResponse);
        var wrong = ue.Credentials(www.Realm!, www.Nonce!, Md5Digest.Response(Md5Digest.Ha1(ue.Impi, www.Realm!, Encoding.ASCII.GetBytes("notres")), www.Nonce!, "00000001", ue.Cnonce, "REGISTER", "sip:ims.example"), "AKAv1-MD5");

        var refused = await net.RegisterAsync(ue, ue.Register(authorization: wrong), T.AddSeconds(1));

        Assert.AreEqual(403, refused.UeResponse.StatusCode);
        Assert.IsEmpty(refused.Scscf!.Diameter, "no SAR for a wrong answer");
        // The right answer to the consumed nonce is now a stale nonce: a fresh challenge, not a registration.
        var replay = await net.RegisterAsync(ue, ue.Register(authorization: good.Authorization), T.AddSeconds(2));
        Assert.AreEqual(401, replay.UeResponse.StatusCode);
        Assert.AreEqual("TRUE", replay.UeResponse.WwwAuthenticate!.Param("stale"));
        Assert.AreNotEqual(www.Nonce, replay.UeResponse.WwwAuthenticate!.Nonce);
        Assert.AreNotEqual(RegistrationState.Registered, (await net.ShowAsync(ue.Impi)).Impus.Single(i => i.Impu == ue.Impu).State);
    }

    [TestMethod]
    public async Task EmptyResponse_ToALiveChallenge_Gets403()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var www = (await net.ChallengeAsync(ue, T)).UeResponse.WwwAuthenticate!;

        var run = await net.RegisterAsync(ue, ue.Register(authorization: ue.Credentials(www.Realm!, www.Nonce!, string.Empty, "AKAv1-MD5")), T.AddSeconds(1));

        Assert.AreEqual(403, run.UeResponse.StatusCode);
        Assert.IsEmpty(run.Scscf!.Diameter);
    }

    [TestMethod]
    public async Task UnknownNonce_GetsAFreshChallengeMarkedStale()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var invented = Convert.ToBase64String(new byte[32]);
        var authorization = ue.Credentials(ImsNetwork.Domain, invented, new string('0', 32), "AKAv1-MD5");

        var run = await net.RegisterAsync(ue, ue.Register(authorization: authorization), T);

        Assert.AreEqual(303u, run.Scscf!.Diameter.Single().CommandCode);
        Assert.AreEqual(401, run.UeResponse.StatusCode);
        Assert.AreEqual("TRUE", run.UeResponse.WwwAuthenticate!.Param("stale"));
        // The stale challenge is a working one.
        var answer = ue.AnswerAka(run.UeResponse);
        var ok = await net.RegisterAsync(ue, ue.Register(authorization: answer.Authorization), T.AddSeconds(1));
        Assert.AreEqual(200, ok.UeResponse.StatusCode);
    }

    [TestMethod]
    public async Task ExpiredNonce_GetsAFreshChallengeMarkedStale()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var challenge = await net.ChallengeAsync(ue, T);
        var answer = ue.AnswerAka(challenge.UeResponse);

        var late = T + net.Options.ChallengeLifetime + TimeSpan.FromSeconds(1);
        var run = await net.RegisterAsync(ue, ue.Register(authorization: answer.Authorization), late);

        Assert.AreEqual(401, run.UeResponse.StatusCode);
        Assert.AreEqual("TRUE", run.UeResponse.WwwAuthenticate!.Param("stale"));
        Assert.AreNotEqual(challenge.UeResponse.WwwAuthenticate!.Nonce, run.UeResponse.WwwAuthenticate!.Nonce);
    }

    [TestMethod]
    public async Task ChallengeLapseTimer_ForgetsTheChallenge()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var challenge = await net.ChallengeAsync(ue, T);
        var lapse = challenge.Scscf!.Commands.OfType<ScheduleTimer>().Single();
        Assert.HasCount(1, await PcscfTests.Rows(net, "ScscfChallenge"));

        await ImsNetwork.RunAsync(net.Scscf, net.Timer(lapse, lapse.Due));

        Assert.IsEmpty(await PcscfTests.Rows(net, "ScscfChallenge"));
    }

    [TestMethod]
    public async Task ExpiresBelowTheMinimum_Gets423WithMinExpires()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();

        var run = await net.RegisterAsync(ue, ue.Register(30, ue.InitialAuthorization()), T);

        Assert.IsEmpty(run.Scscf!.Diameter, "refused before asking the HSS");
        Assert.AreEqual(423, run.UeResponse.StatusCode);
        Assert.AreEqual("60", run.UeResponse.Values("Min-Expires").Single());
    }

    [TestMethod]
    public async Task ExpiresZero_SendsSarUserDeregistration_AndRemovesTheBindings()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var (_, registered) = await net.RegisterAkaAsync(ue, T, expires: 600);
        var expiry = registered.Scscf!.Commands.OfType<ScheduleTimer>().Single();
        Assert.IsNotEmpty(await PcscfTests.Rows(net, "ScscfRegistration"));

        var (_, run) = await net.RegisterAkaAsync(ue, T.AddSeconds(60), expires: 0);

        var sar = run.Scscf!.Diameter.Single();
        Assert.AreEqual((uint)ServerAssignmentType.UserDeregistration, sar.GetUnsigned32(Avps.ServerAssignmentType));
        Assert.AreEqual(200, run.UeResponse.StatusCode);
        Assert.IsEmpty(run.Scscf.Response.Contacts);
        Assert.AreEqual(expiry.TimerId, run.Scscf.Commands.OfType<CancelTimer>().Single().TimerId);
        Assert.IsEmpty(await PcscfTests.Rows(net, "ScscfRegistration"));
        Assert.AreEqual(RegistrationState.NotRegistered, (await net.ShowAsync(ue.Impi)).Impus.Single(i => i.Impu == ue.Impu).State);
    }

    [TestMethod]
    public async Task WildcardDeregistration_RemovesEveryContact()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        await net.RegisterAkaAsync(ue, T, expires: 600);

        var (_, run) = await net.RegisterAkaAsync(ue, T.AddSeconds(60), wildcard: true);

        Assert.AreEqual((uint)ServerAssignmentType.UserDeregistration, run.Scscf!.Diameter.Single().GetUnsigned32(Avps.ServerAssignmentType));
        Assert.AreEqual(200, run.UeResponse.StatusCode);
        Assert.IsEmpty(await PcscfTests.Rows(net, "ScscfRegistration"));
    }

    [TestMethod]
    public async Task Reregistration_SendsSarReRegistration_AndMovesTheExpiry()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var (_, first) = await net.RegisterAkaAsync(ue, T, expires: 600);
        var firstTimer = first.Scscf!.Commands.OfType<ScheduleTimer>().Single();

        var (_, run) = await net.RegisterAkaAsync(ue, T.AddSeconds(300), expires: 600);

        Assert.AreEqual((uint)ServerAssignmentType.ReRegistration, run.Scscf!.Diameter.Single().GetUnsigned32(Avps.ServerAssignmentType));
        Assert.AreEqual(200, run.UeResponse.StatusCode);
        var timer = run.Scscf.Commands.OfType<ScheduleTimer>().Single();
        Assert.AreEqual(firstTimer.TimerId, timer.TimerId, "the same binding's timer is moved");
        Assert.AreEqual(T.AddSeconds(900), timer.Due);
        Assert.AreEqual(600, run.Scscf.Response.Contacts.Single().Expires);

        // The first timer firing at its old due time finds a refreshed binding.
        var stale = await ImsNetwork.RunAsync(net.Scscf, net.Timer(firstTimer, firstTimer.Due));
        Assert.IsEmpty(stale.Commands);
        Assert.IsNotEmpty(await PcscfTests.Rows(net, "ScscfRegistration"));
    }

    [TestMethod]
    public async Task ExpiryTimer_SendsSarTimeoutDeregistration()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var (_, run) = await net.RegisterAkaAsync(ue, T, expires: 600);
        var expiry = run.Scscf!.Commands.OfType<ScheduleTimer>().Single();

        var fired = await ImsNetwork.RunAsync(net.Scscf, net.Timer(expiry, expiry.Due));

        var command = fired.Commands.Single();
        var sar = net.Decode(command);
        Assert.AreEqual(301u, sar.CommandCode);
        Assert.AreEqual((uint)ServerAssignmentType.TimeoutDeregistration, sar.GetUnsigned32(Avps.ServerAssignmentType));
        Assert.AreEqual("alice@ims.example", sar.GetString(Avps.UserName));
        Assert.AreEqual("sip:alice@ims.example", sar.GetString(Avps.PublicIdentity));
        Assert.IsEmpty(await PcscfTests.Rows(net, "ScscfRegistration"));
        var answered = await ImsNetwork.RunAsync(net.Scscf, await net.AnswerAsync(command, expiry.Due));
        Assert.IsEmpty(answered.Commands);
        StringAssert.Contains(answered.Decision, "2001");
        Assert.AreEqual(RegistrationState.NotRegistered, (await net.ShowAsync(ue.Impi)).Impus.Single(i => i.Impu == ue.Impu).State);
    }

    [TestMethod]
    public async Task Auts_Resynchronises_AndTheFreshChallengeIsAccepted()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        // The USIM has seen SEQ 1000 in every IND slot; the HSS starts from 0.
        var ahead = UsimSqnState.Initial;
        for (var ind = 0; ind < SequenceNumber.IndCount; ind++)
        {
            ahead = ahead.Accept(SequenceNumber.FromParts(1000, ind));
        }

        ue.Sqn = ahead;
        var challenge = await net.ChallengeAsync(ue, T);
        var refused = ue.AnswerAka(challenge.UeResponse);
        Assert.AreEqual(UsimAnswerKind.SynchronisationFailure, refused.Usim.Kind);

        var resync = await net.RegisterAsync(ue, ue.Register(authorization: refused.Authorization), T.AddSeconds(1));

        var mar = resync.Scscf!.Diameter.Single();
        Assert.AreEqual(303u, mar.CommandCode);
        var item = mar.Find(Avps.SipAuthDataItem)!;
        var authorization = item.Find(Avps.SipAuthorization.Code, Avps.SipAuthorization.VendorId)!.Data.ToArray();
        var oldNonce = Convert.FromBase64String(challenge.UeResponse.WwwAuthenticate!.Nonce!);
        CollectionAssert.AreEqual(oldNonce[..16].Concat(refused.Usim.Auts.ToArray()).ToArray(), authorization, "SIP-Authorization = RAND || AUTS");
        Assert.AreEqual(401, resync.UeResponse.StatusCode);
        Assert.IsNull(resync.UeResponse.WwwAuthenticate!.Param("stale"));

        var accepted = ue.AnswerAka(resync.UeResponse);
        Assert.AreEqual(UsimAnswerKind.Accepted, accepted.Usim.Kind);
        Assert.IsGreaterThan(1000UL, accepted.Usim.Response!.Sqn.Seq);
        var ok = await net.RegisterAsync(ue, ue.Register(authorization: accepted.Authorization), T.AddSeconds(2));
        Assert.AreEqual(200, ok.UeResponse.StatusCode);
    }

    [TestMethod]
    public async Task MalformedAuts_Gets403()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var www = (await net.ChallengeAsync(ue, T)).UeResponse.WwwAuthenticate!;

        var run = await net.RegisterAsync(ue, ue.Register(authorization: ue.Credentials(www.Realm!, www.Nonce!, string.Empty, "AKAv1-MD5", extra: ", auts=\"AAAA\"")), T.AddSeconds(1));

        Assert.IsEmpty(run.Scscf!.Diameter);
        Assert.AreEqual(403, run.UeResponse.StatusCode);
    }

    [TestMethod]
    public async Task DigestSubscriber_IsChallengedWithMd5_AndTheRightPasswordRegisters()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Named("carol", password: "carol-secret"));
        using var ue = new Ue("carol", password: "carol-secret");

        var challenge = await net.ChallengeAsync(ue, T);

        var www = challenge.UeResponse.WwwAuthenticate!;
        Assert.AreEqual("MD5", www.Algorithm);
        Assert.AreEqual("auth", www.Qop);
        Assert.IsNull(challenge.Scscf!.Response.WwwAuthenticate!.Ck, "no keys without AKA");
        Assert.IsFalse(string.IsNullOrEmpty(www.Nonce));
        var ok = await net.RegisterAsync(ue, ue.Register(authorization: ue.AnswerMd5(challenge.UeResponse)), T.AddSeconds(1));
        Assert.AreEqual(200, ok.UeResponse.StatusCode);
        Assert.AreEqual((uint)ServerAssignmentType.Registration, ok.Scscf!.Diameter.Single().GetUnsigned32(Avps.ServerAssignmentType));
    }

    [TestMethod]
    public async Task DigestSubscriber_WithTheWrongPassword_Gets403()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Named("carol", password: "carol-secret"));
        using var ue = new Ue("carol", password: "carol-secret");
        var challenge = await net.ChallengeAsync(ue, T);

        var run = await net.RegisterAsync(ue, ue.Register(authorization: ue.AnswerMd5(challenge.UeResponse, "guess")), T.AddSeconds(1));

        Assert.AreEqual(403, run.UeResponse.StatusCode);
    }

    [TestMethod]
    public async Task HssTimeoutOnMar_Gets480()
    {
        using var net = new ImsNetwork();
        using var ue = new Ue();
        var outcome = await ImsNetwork.RunAsync(net.Scscf, net.Request(ImsRole.Scscf, "s-tx", ImsNetwork.IcscfLocal, ImsNetwork.ScscfLocal, ue.Register(authorization: ue.InitialAuthorization()), T));

        var answered = await ImsNetwork.RunAsync(net.Scscf, net.Failure(outcome.Commands.Single(), DiameterDeliveryFailure.Timeout, T.AddSeconds(5)));

        Assert.AreEqual(480, SipWire.Parse(answered.Single<SendSipResponse>().Message).StatusCode);
    }
}
