using Ims.Diameter.Values;
using System.Collections.Concurrent;
using Ims.Aka.Milenage;
using Ims.Aka.Sequence;
using Ims.Aka.Vectors;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Hss.Cx;
using Ims.Hss.Subscribers;
using Ims.Storage;
using static Ims.Hss.Tests.Cx.CxTestKit;

namespace Ims.Hss.Tests.Cx;

[TestClass]
public sealed class MultimediaAuthTests
{
    private static SubscriberKeys Keys => SubscriberKeys.FromOpc(Convert.FromHexString(TestSubscribers.K), Convert.FromHexString(TestSubscribers.Opc));

    [TestMethod]
    public async Task AkaVectorsVerifyWithMilenageAndCarryFreshConsecutiveSqns()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);

        var answer = await hss.AnswerAsync(Mar(count: 3));

        Assert.AreEqual("2001", ResultOf(answer));
        Assert.AreEqual(Impi, answer.GetString(Avps.UserName));
        Assert.AreEqual(Impu, answer.GetString(Avps.PublicIdentity));
        Assert.AreEqual(3u, answer.GetUnsigned32(Avps.SipNumberAuthItems));
        var items = answer.FindAll(Avps.SipAuthDataItem).ToList();
        Assert.HasCount(3, items);
        var sqns = items.Select((item, i) => CheckAkaItem(item, (uint)(i + 1), "Digest-AKAv1-MD5")).ToList();
        // TS 33.102 C.3.2: SEQ + 1 per vector, IND cycling; from SQN 0 that is SEQ 1..3, IND 1..3.
        CollectionAssert.AreEqual(new[] { SequenceNumber.FromParts(1, 1), SequenceNumber.FromParts(2, 2), SequenceNumber.FromParts(3, 3) }, sqns);
        var stored = (await SubscriberTables.ReadImpiAsync(temp.Store, Impi, CancellationToken.None))!.Value.Record;
        Assert.AreEqual((long)sqns[^1].Value, stored.Sqn);
        Assert.AreEqual(Scscf, stored.AuthServerName);
    }

    [TestMethod]
    public async Task AkaV2AndTheUnknownSchemeAreServed()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);

        var v2 = await hss.AnswerAsync(Mar(scheme: "Digest-AKAv2-MD5"));
        var unknown = await hss.AnswerAsync(Mar(scheme: "Unknown"));

        CheckAkaItem(v2.Find(Avps.SipAuthDataItem)!, 1, "Digest-AKAv2-MD5");
        CheckAkaItem(unknown.Find(Avps.SipAuthDataItem)!, 1, "Digest-AKAv1-MD5");
    }

    [TestMethod]
    public async Task MarRecordsTheScscfOnANotRegisteredImpu()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);

        await hss.AnswerAsync(Mar());

        var impu = (await SubscriberTables.ReadImpuAsync(temp.Store, Impu, CancellationToken.None))!.Value.Record;
        Assert.AreEqual(Scscf, impu.ServerName);
        Assert.AreEqual(RegistrationState.NotRegistered, impu.State);
    }

    [TestMethod]
    public async Task SipDigestGivesRealmQopAndHa1()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp, password: "secret");

        var answer = await hss.AnswerAsync(Mar(scheme: "SIP Digest"));

        Assert.AreEqual("2001", ResultOf(answer));
        var item = answer.Find(Avps.SipAuthDataItem)!;
        Assert.AreEqual("SIP Digest", Child(item, Avps.SipAuthenticationScheme));
        var digest = item.Find(Avps.SipDigestAuthenticate.Code, 10415)!;
        Assert.AreEqual("ims.example", Child(digest, Avps.DigestRealm));
        Assert.AreEqual("auth", Child(digest, Avps.DigestQop));
        Assert.AreEqual(Ims.Aka.Digest.DigestHa1.FromPassword(Ims.Aka.Digest.DigestHash.Md5, Impi, "ims.example", "secret").Hex, Child(digest, Avps.DigestHa1));
    }

    [TestMethod]
    public async Task UnknownGivesSipDigestToASubscriberWithAPasswordAndAkaToOneWithout()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp, password: "secret");
        Assert.IsTrue((await new Ims.Hss.Provisioning.SubscriberProvisioning(temp.Store).AddAsync(TestSubscribers.Bob(), CancellationToken.None)).IsOk);

        var alice = await hss.AnswerAsync(Mar(scheme: "Unknown"));
        var bob = await hss.AnswerAsync(Mar(impi: "bob@ims.example", impu: "sip:bob@ims.example", scheme: "Unknown"));

        Assert.AreEqual("SIP Digest", Child(alice.Find(Avps.SipAuthDataItem)!, Avps.SipAuthenticationScheme));
        Assert.IsNotNull(alice.Find(Avps.SipAuthDataItem)!.Find(Avps.SipDigestAuthenticate.Code, 10415));
        CheckAkaItem(bob.Find(Avps.SipAuthDataItem)!, 1, "Digest-AKAv1-MD5");
    }

    [TestMethod]
    [DataRow("SIP Digest")]
    [DataRow("NASS-Bundled")]
    public async Task ASchemeTheSubscriberMayNotUseIsAuthSchemeNotSupported(string scheme)
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        Assert.AreEqual("e5006", ResultOf(await hss.AnswerAsync(Mar(scheme: scheme))));
    }

    [TestMethod]
    public async Task UnknownAndMismatchedIdentitiesAreRefused()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        await new Ims.Hss.Provisioning.SubscriberProvisioning(temp.Store).AddAsync(TestSubscribers.Bob(), CancellationToken.None);

        Assert.AreEqual("e5001", ResultOf(await hss.AnswerAsync(Mar(impi: "nobody@ims.example"))));
        Assert.AreEqual("e5002", ResultOf(await hss.AnswerAsync(Mar(impu: "sip:bob@ims.example"))));
    }

    [TestMethod]
    public async Task ParallelMarsFromTwoHssInstancesNeverHandOutTheSameSqn()
    {
        using var temp = TempStore.Create();
        var first = await HssWithAliceAsync(temp);
        var second = new HomeSubscriberServer(temp.Store, Options, new CryptographicRandomSource(), Clock);
        var sqns = new ConcurrentBag<ulong>();

        var tasks = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            var hss = i % 2 == 0 ? first : second;
            var answer = await hss.AnswerAsync(Mar());
            Assert.AreEqual("2001", ResultOf(answer));
            sqns.Add(Recover(answer.Find(Avps.SipAuthDataItem)!).Value);
        }));
        await Task.WhenAll(tasks);

        Assert.HasCount(100, sqns);
        Assert.HasCount(100, sqns.Distinct().ToList());
        var stored = (await SubscriberTables.ReadImpiAsync(temp.Store, Impi, CancellationToken.None))!.Value.Record;
        Assert.AreEqual((long)sqns.Max(), stored.Sqn);
        Assert.AreEqual(100UL, SequenceNumber.FromValue(sqns.Max()).Seq);
    }

    [TestMethod]
    public async Task AValidAutsResetsSqnToTheUesAndFreshVectorsFollowIt()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        var challenge = await hss.AnswerAsync(Mar());
        var rand = ChildBytes(challenge.Find(Avps.SipAuthDataItem)!, Avps.SipAuthenticate)[..16];
        var sqnMs = SequenceNumber.FromParts(5000, 7);
        byte[] auts;
        using (var milenage = new MilenageAlgorithm(Keys))
        {
            auts = Auts.Compose(milenage, rand, sqnMs);
        }

        var answer = await hss.AnswerAsync(Mar(count: 2, authorization: [.. rand, .. auts]));

        Assert.AreEqual("2001", ResultOf(answer));
        var sqns = answer.FindAll(Avps.SipAuthDataItem).Select(Recover).ToList();
        // TS 33.102 6.3.5: SQN_HE set to SQN_MS, then SEQ + 1 per vector.
        CollectionAssert.AreEqual(new ulong[] { 5001, 5002 }, sqns.Select(s => s.Seq).ToArray());
        var stored = (await SubscriberTables.ReadImpiAsync(temp.Store, Impi, CancellationToken.None))!.Value.Record;
        Assert.AreEqual((long)sqns[^1].Value, stored.Sqn);
    }

    [TestMethod]
    public async Task ATamperedAutsIsUnableToComplyAndLeavesSqnAlone()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        var challenge = await hss.AnswerAsync(Mar());
        var rand = ChildBytes(challenge.Find(Avps.SipAuthDataItem)!, Avps.SipAuthenticate)[..16];
        byte[] auts;
        using (var milenage = new MilenageAlgorithm(Keys))
        {
            auts = Auts.Compose(milenage, rand, SequenceNumber.FromParts(5000, 7));
        }

        auts[^1] ^= 0x01;
        var before = await temp.SnapshotAsync();

        var answer = await hss.AnswerAsync(Mar(authorization: [.. rand, .. auts]));

        Assert.AreEqual("5012", ResultOf(answer));
        Assert.IsNull(answer.Find(Avps.SipAuthDataItem));
        CollectionAssert.AreEqual(before.ToArray(), (await temp.SnapshotAsync()).ToArray());
    }

    [TestMethod]
    public async Task AnAuthorizationOfTheWrongLengthIsInvalidAvpValue()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        Assert.AreEqual("5004", ResultOf(await hss.AnswerAsync(Mar(authorization: new byte[10]))));
    }

    // Checks one AKA item against Milenage with the subscriber's keys and returns the SQN in its AUTN.
    private static SequenceNumber CheckAkaItem(DiameterAvp item, uint number, string scheme)
    {
        Assert.IsTrue(item.Find(Avps.SipItemNumber.Code, 10415)!.TryGetUnsigned32(out var itemNumber));
        Assert.AreEqual(number, itemNumber);
        Assert.AreEqual(scheme, Child(item, Avps.SipAuthenticationScheme));
        var authenticate = ChildBytes(item, Avps.SipAuthenticate);
        Assert.HasCount(32, authenticate);
        var rand = authenticate[..16];
        var autn = authenticate[16..];
        using var milenage = new MilenageAlgorithm(Keys);
        var output = milenage.F2345(rand);
        CollectionAssert.AreEqual(output.Res.ToArray(), ChildBytes(item, Avps.SipAuthorization));
        CollectionAssert.AreEqual(output.Ck.ToArray(), ChildBytes(item, Avps.ConfidentialityKey));
        CollectionAssert.AreEqual(output.Ik.ToArray(), ChildBytes(item, Avps.IntegrityKey));
        var sqn = Recover(item);
        CollectionAssert.AreEqual(new byte[] { 0x80, 0x00 }, Autn.Amf(autn).ToArray());
        CollectionAssert.AreEqual(milenage.F1(rand, sqn.ToBytes(), [0x80, 0x00]), Autn.MacA(autn).ToArray());
        return sqn;
    }

    private static SequenceNumber Recover(DiameterAvp item)
    {
        var authenticate = ChildBytes(item, Avps.SipAuthenticate);
        using var milenage = new MilenageAlgorithm(Keys);
        var ak = milenage.F5(authenticate[..16]);
        var concealed = Autn.ConcealedSqn(authenticate[16..]).ToArray();
        return SequenceNumber.FromBytes([.. concealed.Select((b, i) => (byte)(b ^ ak[i]))]);
    }
}
