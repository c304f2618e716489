using Ims.Diameter.Values;
using Ims.Hss.Cx;
using Ims.Hss.Subscribers;
using static Ims.Hss.Tests.Cx.CxTestKit;

namespace Ims.Hss.Tests.Cx;

/// <summary>The one sentence each Cx answer comes with: what was decided, never a secret.</summary>
[TestClass]
public sealed class CxDecisionTests
{
    [TestMethod]
    public async Task EachStepOfARegistrationSaysWhatTheHssDecided()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);

        Assert.AreEqual(
            $"UAA: first registration of {Impu}, 1 S-CSCF name(s) and 1 capabilities offered",
            (await hss.DecideAsync(Uar())).Decision);
        Assert.AreEqual(
            $"MAA: 1 Digest-AKAv1-MD5 vector for {Impi}, SQN 000000000021",
            (await hss.DecideAsync(Mar())).Decision);
        Assert.AreEqual(
            $"MAA: 3 Digest-AKAv2-MD5 vectors for {Impi}, SQN 000000000042..000000000084",
            (await hss.DecideAsync(Mar(scheme: "Digest-AKAv2-MD5", count: 3))).Decision);
        Assert.AreEqual(
            $"UAA: subsequent registration of {Impu} (not-registered), S-CSCF {Scscf}",
            (await hss.DecideAsync(Uar())).Decision);
        Assert.AreEqual(
            $"SAA: REGISTRATION of 2 IMPU(s) of {Impi} from {Scscf}: registered, profile sent",
            (await hss.DecideAsync(Sar(ServerAssignmentType.Registration))).Decision);
        Assert.AreEqual(
            $"LIA: {Impu} (registered) is served by {Scscf}",
            (await hss.DecideAsync(Lir())).Decision);
        Assert.AreEqual(
            $"SAA: USER_DEREGISTRATION of 2 IMPU(s) of {Impi} from {Scscf}: not-registered",
            (await hss.DecideAsync(Sar(ServerAssignmentType.UserDeregistration))).Decision);
    }

    [TestMethod]
    public async Task RefusalsNameTheResultAndTheIdentity()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);

        Assert.AreEqual(
            "UAA: DIAMETER_ERROR_USER_UNKNOWN for sip:nobody@ims.example",
            (await hss.DecideAsync(Uar(impu: "sip:nobody@ims.example"))).Decision);
        Assert.AreEqual(
            $"LIA: DIAMETER_ERROR_IDENTITY_NOT_REGISTERED for {Impu}",
            (await hss.DecideAsync(Lir())).Decision);
        Assert.AreEqual(
            $"SAA: DIAMETER_UNABLE_TO_COMPLY for {Impu} ({Impu} is served by another S-CSCF)",
            await RegisterThenAskFromAnotherScscfAsync(hss));
    }

    [TestMethod]
    public async Task AResynchronisationAndADigestAnswerAreDescribedWithoutSecrets()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp, password: "secret");
        var challenge = await hss.AnswerAsync(Mar());
        var rand = ChildBytes(challenge.Find(Ims.Diameter.Dictionary.Avps.SipAuthDataItem)!, Ims.Diameter.Dictionary.Avps.SipAuthenticate)[..16];
        byte[] auts;
        using (var milenage = new Ims.Aka.Milenage.MilenageAlgorithm(Ims.Aka.Milenage.SubscriberKeys.FromOpc(Convert.FromHexString(TestSubscribers.K), Convert.FromHexString(TestSubscribers.Opc))))
        {
            auts = Ims.Aka.Sequence.Auts.Compose(milenage, rand, Ims.Aka.Sequence.SequenceNumber.FromParts(5000, 7));
        }

        var resync = await hss.DecideAsync(Mar(authorization: [.. rand, .. auts]));
        var digest = await hss.DecideAsync(Mar(scheme: "SIP Digest"));

        // SQN_MS = SEQ 5000 IND 7 = 0x27107; SQN_HE jumps there and the fresh vector takes SEQ 5001, IND 2.
        Assert.AreEqual($"MAA: resynchronised on AUTS (SQN_MS 000000027107, SQN_HE reset), 1 Digest-AKAv1-MD5 vector for {Impi}, SQN 000000027122", resync.Decision);
        Assert.AreEqual($"MAA: 1 SIP Digest HA1 for {Impi}, realm ims.example", digest.Decision);
        var ha1 = (await SubscriberTables.ReadImpiAsync(temp.Store, Impi, CancellationToken.None))!.Value.Record.DigestHa1!;
        Assert.DoesNotContain(ha1, digest.Decision);
    }

    private static async Task<string> RegisterThenAskFromAnotherScscfAsync(HomeSubscriberServer hss)
    {
        Assert.AreEqual("2001", ResultOf(await hss.AnswerAsync(Sar(ServerAssignmentType.Registration))));
        return (await hss.DecideAsync(Sar(ServerAssignmentType.NoAssignment, server: "sip:other.ims.example"))).Decision;
    }
}
