using Ims.Diameter.Values;
using Ims.Diameter.Dictionary;
using Ims.Hss.Cx;
using Ims.Hss.Provisioning;
using static Ims.Hss.Tests.Cx.CxTestKit;

namespace Ims.Hss.Tests.Cx;

[TestClass]
public sealed class UserAuthorizationTests
{
    [TestMethod]
    public async Task FirstRegistrationOffersServerCapabilities()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);

        var answer = await hss.AnswerAsync(Uar());

        Assert.AreEqual("e2001", ResultOf(answer));
        var capabilities = answer.Find(Avps.ServerCapabilities)!;
        Assert.AreEqual(Scscf, Child(capabilities, Avps.ServerName));
        Assert.IsTrue(capabilities.Find(Avps.MandatoryCapability.Code, 10415)!.TryGetUnsigned32(out var mandatory));
        Assert.AreEqual(1u, mandatory);
        Assert.IsNull(answer.Find(Avps.ServerName));
        Assert.AreEqual("hss.ims.example", answer.OriginHost);
        Assert.AreEqual("ims.example", answer.OriginRealm);
        Assert.AreEqual(1u, answer.GetUnsigned32(Avps.AuthSessionState));
    }

    [TestMethod]
    public async Task SubsequentRegistrationNamesTheAssignedScscf()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        Assert.AreEqual("2001", ResultOf(await hss.AnswerAsync(Sar(ServerAssignmentType.Registration))));

        var answer = await hss.AnswerAsync(Uar(impu: Tel));

        Assert.AreEqual("e2002", ResultOf(answer));
        Assert.AreEqual(Scscf, answer.GetString(Avps.ServerName));
        Assert.IsNull(answer.Find(Avps.ServerCapabilities));
    }

    [TestMethod]
    public async Task RegistrationAndCapabilitiesAlwaysGivesCapabilitiesWithSuccess()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        await hss.AnswerAsync(Sar(ServerAssignmentType.Registration));

        var answer = await hss.AnswerAsync(Uar(type: UserAuthorizationType.RegistrationAndCapabilities));

        Assert.AreEqual("2001", ResultOf(answer));
        Assert.IsNotNull(answer.Find(Avps.ServerCapabilities));
    }

    [TestMethod]
    public async Task DeregistrationOfARegisteredUserNamesTheScscfAndOfAnUnregisteredOneIsNotRegistered()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);

        Assert.AreEqual("e5003", ResultOf(await hss.AnswerAsync(Uar(type: UserAuthorizationType.DeRegistration))));

        await hss.AnswerAsync(Sar(ServerAssignmentType.Registration));
        var answer = await hss.AnswerAsync(Uar(type: UserAuthorizationType.DeRegistration));
        Assert.AreEqual("2001", ResultOf(answer));
        Assert.AreEqual(Scscf, answer.GetString(Avps.ServerName));
    }

    [TestMethod]
    [DataRow("bob@ims.example", Impu, "e5001")]
    [DataRow(Impi, "sip:nobody@ims.example", "e5001")]
    public async Task UnknownIdentitiesAreUserUnknown(string impi, string impu, string expected)
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        Assert.AreEqual(expected, ResultOf(await hss.AnswerAsync(Uar(impi, impu))));
    }

    [TestMethod]
    public async Task AnImpuOfAnotherSubscriberIsIdentitiesDontMatch()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        await new SubscriberProvisioning(temp.Store).AddAsync(TestSubscribers.Bob(), CancellationToken.None);

        Assert.AreEqual("e5002", ResultOf(await hss.AnswerAsync(Uar(Impi, "sip:bob@ims.example"))));
    }

    [TestMethod]
    public async Task AForeignVisitedNetworkIsRoamingNotAllowedUnlessConfigured()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        Assert.AreEqual("e5004", ResultOf(await hss.AnswerAsync(Uar(visited: "visited.example"))));

        var roaming = new HomeSubscriberServer(temp.Store, Options with { AllowedVisitedNetworks = ["visited.example"] }, new CountingRandom(), Clock);
        Assert.AreEqual("e2001", ResultOf(await roaming.AnswerAsync(Uar(visited: "visited.example"))));
    }

    [TestMethod]
    public async Task ABarredImpuWhoseWholeImplicitSetIsBarredIsAuthorizationRejected()
    {
        using var temp = TempStore.Create();
        var spec = TestSubscribers.Alice() with { Impus = [new ImpuSpec(Impu, Barred: true), new ImpuSpec(Tel, ImplicitSet: "2")] };
        Assert.IsTrue((await new SubscriberProvisioning(temp.Store).AddAsync(spec, CancellationToken.None)).IsOk);
        var hss = new HomeSubscriberServer(temp.Store, Options, new CountingRandom(), Clock);

        var answer = await hss.AnswerAsync(Uar());

        Assert.AreEqual("5003", ResultOf(answer));
        Assert.AreEqual($"{Impu} and its implicit registration set are barred", answer.GetString(Avps.ErrorMessage));
        // Barring never blocks leaving: a deregistration of the never-registered identity is only "not registered".
        Assert.AreEqual("e5003", ResultOf(await hss.AnswerAsync(Uar(type: UserAuthorizationType.DeRegistration))));
    }

    [TestMethod]
    public async Task ABarredImpuWithANonBarredOneInItsImplicitSetMayRegister()
    {
        using var temp = TempStore.Create();
        var spec = TestSubscribers.Alice() with { Impus = [new ImpuSpec(Impu, Barred: true), new ImpuSpec(Tel)] };
        Assert.IsTrue((await new SubscriberProvisioning(temp.Store).AddAsync(spec, CancellationToken.None)).IsOk);
        var hss = new HomeSubscriberServer(temp.Store, Options, new CountingRandom(), Clock);

        var answer = await hss.AnswerAsync(Uar());

        Assert.AreEqual("e2001", ResultOf(answer));
        Assert.IsNotNull(answer.Find(Avps.ServerCapabilities));
    }
}
