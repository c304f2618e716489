using Ims.Diameter.Values;
using System.Text;
using Ims.Diameter.Dictionary;
using Ims.Hss.Cx;
using Ims.Hss.Provisioning;
using Ims.Hss.Subscribers;
using Ims.Ifc.Subscription;
using Microsoft.Extensions.Time.Testing;
using static Ims.Hss.Tests.Cx.CxTestKit;

namespace Ims.Hss.Tests.Cx;

[TestClass]
public sealed class ServerAssignmentTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task RegistrationRegistersTheImplicitSetAndSendsTheProvisionedProfile()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp, ifc: TestSubscribers.Ifc);

        var answer = await hss.AnswerAsync(Sar(ServerAssignmentType.Registration));

        Assert.AreEqual("2001", ResultOf(answer));
        Assert.AreEqual(Impi, answer.GetString(Avps.UserName));
        var read = ImsSubscriptionXml.Read(Encoding.UTF8.GetString(answer.Find(Avps.UserData)!.Data.Span));
        Assert.IsTrue(read.IsValid, read.Error);
        var subscription = read.Subscription!;
        Assert.AreEqual(Impi, subscription.PrivateId);
        var profile = subscription.ServiceProfiles.Single();
        CollectionAssert.AreEqual(new[] { new PublicIdentity(Impu), new PublicIdentity(Tel) }, profile.PublicIdentities.ToArray());
        var provisioned = ImsSubscriptionXml.ReadCriteria(TestSubscribers.Ifc).Criteria!.Single();
        var sent = profile.InitialFilterCriteria.Single();
        Assert.AreEqual(provisioned.Priority, sent.Priority);
        Assert.AreEqual(provisioned.ApplicationServer, sent.ApplicationServer);
        Assert.AreEqual(provisioned.ProfilePartIndicator, sent.ProfilePartIndicator);
        Assert.AreEqual(provisioned.TriggerPoint!.ConditionTypeCnf, sent.TriggerPoint!.ConditionTypeCnf);
        var spt = (MethodTrigger)sent.TriggerPoint.ServicePointTriggers.Single();
        Assert.AreEqual("INVITE", spt.Method);
        CollectionAssert.AreEqual(new[] { 0 }, spt.Groups.ToArray());

        var charging = answer.Find(Avps.ChargingInformation)!;
        Assert.AreEqual("aaa://ccf.ims.example", Child(charging, Avps.PrimaryChargingCollectionFunctionName));
        Assert.AreEqual("aaa://ecf.ims.example", Child(charging, Avps.PrimaryEventChargingFunctionName));

        foreach (var uri in new[] { Impu, Tel })
        {
            var impu = (await SubscriberTables.ReadImpuAsync(temp.Store, uri, None))!.Value.Record;
            Assert.AreEqual(RegistrationState.Registered, impu.State);
            Assert.AreEqual(Scscf, impu.ServerName);
        }

        var show = (await new SubscriberProvisioning(temp.Store).ShowAsync(Impi, None))!.ToLines().ToList();
        Assert.Contains($"impu: {Impu} registered scscf={Scscf}", show);
    }

    [TestMethod]
    public async Task UserDataIsLeftOutWhenTheScscfAlreadyHasIt()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);

        var answer = await hss.AnswerAsync(Sar(ServerAssignmentType.ReRegistration, available: UserDataAlreadyAvailable.UserDataAlreadyAvailable));

        Assert.AreEqual("2001", ResultOf(answer));
        Assert.IsNull(answer.Find(Avps.UserData));
        Assert.AreEqual(RegistrationState.Registered, (await SubscriberTables.ReadImpuAsync(temp.Store, Tel, None))!.Value.Record.State);
    }

    [TestMethod]
    public async Task ImplicitSetsAreRegisteredSeparately()
    {
        using var temp = TempStore.Create();
        var spec = TestSubscribers.Alice() with { Impus = [new ImpuSpec(Impu), new ImpuSpec(Tel, ImplicitSet: "2")] };
        await new SubscriberProvisioning(temp.Store).AddAsync(spec, None);
        var hss = new HomeSubscriberServer(temp.Store, Options, new CountingRandom(), Clock);

        await hss.AnswerAsync(Sar(ServerAssignmentType.Registration));

        Assert.AreEqual(RegistrationState.Registered, (await SubscriberTables.ReadImpuAsync(temp.Store, Impu, None))!.Value.Record.State);
        Assert.AreEqual(RegistrationState.NotRegistered, (await SubscriberTables.ReadImpuAsync(temp.Store, Tel, None))!.Value.Record.State);
    }

    [TestMethod]
    [DataRow(ServerAssignmentType.TimeoutDeregistration, null)]
    [DataRow(ServerAssignmentType.UserDeregistration, null)]
    [DataRow(ServerAssignmentType.AdministrativeDeregistration, null)]
    [DataRow(ServerAssignmentType.DeregistrationTooMuchData, null)]
    [DataRow(ServerAssignmentType.TimeoutDeregistrationStoreServerName, Scscf)]
    [DataRow(ServerAssignmentType.UserDeregistrationStoreServerName, Scscf)]
    public async Task DeregistrationsMakeTheSetNotRegisteredAndKeepTheNameOnlyWhenAsked(ServerAssignmentType type, string? keptName)
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        await hss.AnswerAsync(Sar(ServerAssignmentType.Registration));

        var answer = await hss.AnswerAsync(Sar(type));

        Assert.AreEqual("2001", ResultOf(answer));
        Assert.IsNull(answer.Find(Avps.UserData));
        foreach (var uri in new[] { Impu, Tel })
        {
            var impu = (await SubscriberTables.ReadImpuAsync(temp.Store, uri, None))!.Value.Record;
            Assert.AreEqual(RegistrationState.NotRegistered, impu.State);
            Assert.AreEqual(keptName, impu.ServerName);
        }
    }

    [TestMethod]
    public async Task DeregistrationByImpiAloneCoversEveryImpuServedByThatScscf()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        await hss.AnswerAsync(Sar(ServerAssignmentType.Registration));

        Assert.AreEqual("2001", ResultOf(await hss.AnswerAsync(Sar(ServerAssignmentType.UserDeregistration, impu: null))));

        Assert.AreEqual(RegistrationState.NotRegistered, (await SubscriberTables.ReadImpuAsync(temp.Store, Impu, None))!.Value.Record.State);
        Assert.AreEqual(RegistrationState.NotRegistered, (await SubscriberTables.ReadImpuAsync(temp.Store, Tel, None))!.Value.Record.State);
    }

    [TestMethod]
    public async Task UnregisteredUserMakesTheSetUnregisteredWithTheProfile()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);

        var answer = await hss.AnswerAsync(Sar(ServerAssignmentType.UnregisteredUser, impi: null));

        Assert.AreEqual("2001", ResultOf(answer));
        Assert.IsNotNull(answer.Find(Avps.UserData));
        var impu = (await SubscriberTables.ReadImpuAsync(temp.Store, Impu, None))!.Value.Record;
        Assert.AreEqual(RegistrationState.Unregistered, impu.State);
        Assert.AreEqual(Scscf, impu.ServerName);
    }

    [TestMethod]
    public async Task NoAssignmentReturnsTheProfileWithoutChangingState()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        await hss.AnswerAsync(Sar(ServerAssignmentType.Registration));
        var before = await temp.SnapshotAsync();

        var answer = await hss.AnswerAsync(Sar(ServerAssignmentType.NoAssignment, available: UserDataAlreadyAvailable.UserDataAlreadyAvailable));

        Assert.AreEqual("2001", ResultOf(answer));
        Assert.IsNotNull(answer.Find(Avps.UserData));
        CollectionAssert.AreEqual(before.ToArray(), (await temp.SnapshotAsync()).ToArray());
    }

    [TestMethod]
    [DataRow(ServerAssignmentType.NoAssignment)]
    [DataRow(ServerAssignmentType.UserDeregistration)]
    [DataRow(ServerAssignmentType.UnregisteredUser)]
    public async Task AnotherScscfThanTheAssignedOneIsUnableToComply(ServerAssignmentType type)
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        await hss.AnswerAsync(Sar(ServerAssignmentType.Registration));
        var before = await temp.SnapshotAsync();

        var answer = await hss.AnswerAsync(Sar(type, server: "sip:other-scscf.ims.example"));

        Assert.AreEqual("5012", ResultOf(answer));
        CollectionAssert.AreEqual(before.ToArray(), (await temp.SnapshotAsync()).ToArray());
    }

    [TestMethod]
    public async Task ReRegistrationAtAnotherScscfMovesTheUser()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        await hss.AnswerAsync(Sar(ServerAssignmentType.Registration));

        Assert.AreEqual("2001", ResultOf(await hss.AnswerAsync(Sar(ServerAssignmentType.Registration, server: "sip:other-scscf.ims.example"))));

        Assert.AreEqual("sip:other-scscf.ims.example", (await SubscriberTables.ReadImpuAsync(temp.Store, Tel, None))!.Value.Record.ServerName);
    }

    [TestMethod]
    [DataRow(ServerAssignmentType.AuthenticationFailure)]
    [DataRow(ServerAssignmentType.AuthenticationTimeout)]
    public async Task AFailedFirstAuthenticationDropsTheScscfTheMarRecorded(ServerAssignmentType type)
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        await hss.AnswerAsync(Mar());

        Assert.AreEqual("2001", ResultOf(await hss.AnswerAsync(Sar(type))));

        var impu = (await SubscriberTables.ReadImpuAsync(temp.Store, Impu, None))!.Value.Record;
        Assert.AreEqual(RegistrationState.NotRegistered, impu.State);
        Assert.IsNull(impu.ServerName);
    }

    [TestMethod]
    public async Task AFailedReAuthenticationLeavesARegisteredUserRegistered()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        await hss.AnswerAsync(Sar(ServerAssignmentType.Registration));

        Assert.AreEqual("2001", ResultOf(await hss.AnswerAsync(Sar(ServerAssignmentType.AuthenticationFailure))));

        var impu = (await SubscriberTables.ReadImpuAsync(temp.Store, Impu, None))!.Value.Record;
        Assert.AreEqual(RegistrationState.Registered, impu.State);
        Assert.AreEqual(Scscf, impu.ServerName);
    }

    [TestMethod]
    public async Task UnknownAndMismatchedIdentitiesAreRefused()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        await new SubscriberProvisioning(temp.Store).AddAsync(TestSubscribers.Bob(), None);

        Assert.AreEqual("e5001", ResultOf(await hss.AnswerAsync(Sar(ServerAssignmentType.Registration, impu: "sip:nobody@ims.example"))));
        Assert.AreEqual("e5001", ResultOf(await hss.AnswerAsync(Sar(ServerAssignmentType.Registration, impi: "nobody@ims.example"))));
        Assert.AreEqual("e5002", ResultOf(await hss.AnswerAsync(Sar(ServerAssignmentType.Registration, impu: "sip:bob@ims.example"))));
    }

    [TestMethod]
    public async Task RegistrationWithoutPublicIdentityIsMissingAvp()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);

        var answer = await hss.AnswerAsync(Sar(ServerAssignmentType.Registration, impu: null));

        Assert.AreEqual("5005", ResultOf(answer));
        Assert.AreEqual(Avps.PublicIdentity.Code, answer.Find(Avps.FailedAvp)!.Children.Single().Code);
    }

    [TestMethod]
    public async Task ChangedAtIsStampedFromTheInjectedClockOnRealTransitionsOnly()
    {
        using var temp = TempStore.Create();
        await HssWithAliceAsync(temp);
        var clock = new FakeTimeProvider(Now);
        var hss = new HomeSubscriberServer(temp.Store, Options, new CountingRandom(), clock);
        async Task<DateTimeOffset?> ChangedAtAsync() => (await SubscriberTables.ReadImpuAsync(temp.Store, Tel, None))!.Value.Record.ChangedAt;

        Assert.IsNull(await ChangedAtAsync());
        await hss.AnswerAsync(Sar(ServerAssignmentType.Registration));
        Assert.AreEqual(Now, await ChangedAtAsync());

        clock.Advance(TimeSpan.FromHours(1));
        await hss.AnswerAsync(Sar(ServerAssignmentType.ReRegistration));
        Assert.AreEqual(Now, await ChangedAtAsync(), "a re-registration at the same S-CSCF changes nothing");

        await hss.AnswerAsync(Sar(ServerAssignmentType.TimeoutDeregistration));
        Assert.AreEqual(Now.AddHours(1), await ChangedAtAsync());
    }
}
