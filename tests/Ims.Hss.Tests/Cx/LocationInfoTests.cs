using Ims.Diameter.Values;
using Ims.Diameter.Dictionary;
using Ims.Hss.Cx;
using static Ims.Hss.Tests.Cx.CxTestKit;

namespace Ims.Hss.Tests.Cx;

[TestClass]
public sealed class LocationInfoTests
{
    [TestMethod]
    public async Task ARegisteredUserIsServedByTheAssignedScscf()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        await hss.AnswerAsync(Sar(ServerAssignmentType.Registration));

        var answer = await hss.AnswerAsync(Lir(Tel));

        Assert.AreEqual("2001", ResultOf(answer));
        Assert.AreEqual(Scscf, answer.GetString(Avps.ServerName));
    }

    [TestMethod]
    public async Task AnUnregisteredUserWithServicesGetsCapabilities()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp, ifc: TestSubscribers.Ifc);

        var answer = await hss.AnswerAsync(Lir());

        Assert.AreEqual("e2003", ResultOf(answer));
        Assert.AreEqual(Scscf, Child(answer.Find(Avps.ServerCapabilities)!, Avps.ServerName));
    }

    [TestMethod]
    public async Task AnUnregisteredUserWithoutServicesIsNotRegistered()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        Assert.AreEqual("e5003", ResultOf(await hss.AnswerAsync(Lir())));
    }

    [TestMethod]
    public async Task AnUnknownImpuIsUserUnknown()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        Assert.AreEqual("e5001", ResultOf(await hss.AnswerAsync(Lir("sip:nobody@ims.example"))));
    }

    [TestMethod]
    public async Task AnOriginatingRequestForAnUnregisteredUserWithoutServicesGetsCapabilities()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        var lir = Wire(Head(DiameterCommands.LocationInfo).Add(Avps.OriginatingRequest, 0u).Add(Avps.PublicIdentity, Impu).Build());

        var answer = await hss.AnswerAsync(lir);

        Assert.AreEqual("e2003", ResultOf(answer));
        Assert.AreEqual(Scscf, Child(answer.Find(Avps.ServerCapabilities)!, Avps.ServerName));
    }

    [TestMethod]
    public async Task RegistrationAndCapabilitiesGivesCapabilitiesEvenWhenAnScscfIsAssigned()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        await hss.AnswerAsync(Sar(ServerAssignmentType.Registration));
        var lir = Wire(Head(DiameterCommands.LocationInfo)
            .Add(Avps.PublicIdentity, Impu)
            .Add(Avps.UserAuthorizationType, (uint)UserAuthorizationType.RegistrationAndCapabilities).Build());

        var answer = await hss.AnswerAsync(lir);

        Assert.AreEqual("2001", ResultOf(answer));
        Assert.IsNull(answer.Find(Avps.ServerName));
        Assert.AreEqual(Scscf, Child(answer.Find(Avps.ServerCapabilities)!, Avps.ServerName));
    }
}
