using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Ocs.Accounts;

namespace Ims.Ocs.Tests;

/// <summary>Malformed CCRs get the base result codes with Failed-AVP (RFC 6733 7.1.5, 7.5), never an exception.</summary>
[TestClass]
public sealed class MalformedRequestTests
{
    [TestMethod]
    public async Task InitialWithoutSubscriptionIdIsMissingAvpNamingIt()
    {
        using var ocs = new OcsStore();

        var answered = await ocs.AskAsync(Ccr(1, includeSubscription: false));

        Assert.AreEqual(DiameterResultCode.MissingAvp.Value, Ccrs.Result(answered.Answer), answered.Decision);
        Assert.AreEqual(Avps.SubscriptionId.Code, FailedAvp(answered.Answer).Code);
        Assert.AreEqual(1u, answered.Answer.GetUnsigned32(Avps.CcRequestType));
    }

    [TestMethod]
    public async Task AnUnknownRequestTypeIsInvalidAvpValueNamingIt()
    {
        using var ocs = new OcsStore();

        var answered = await ocs.AskAsync(Ccr(9, includeSubscription: true));

        Assert.AreEqual(DiameterResultCode.InvalidAvpValue.Value, Ccrs.Result(answered.Answer), answered.Decision);
        var failed = FailedAvp(answered.Answer);
        Assert.AreEqual(Avps.CcRequestType.Code, failed.Code);
        Assert.IsTrue(failed.TryGetUnsigned32(out var value) && value == 9);
    }

    [TestMethod]
    public async Task ARequestWithoutServiceContextIdIsMissingAvp()
    {
        using var ocs = new OcsStore();
        var request = DiameterMessageBuilder.Request(DiameterCommands.CreditControlRo, 1, 1)
            .Add(Avps.SessionId, "s1").Add(Avps.OriginHost, "scscf.ims.test").Add(Avps.OriginRealm, "ims.test")
            .Add(Avps.DestinationRealm, "ims.test").Add(Avps.AuthApplicationId, 4u)
            .Add(Avps.CcRequestType, 1u).Add(Avps.CcRequestNumber, 0u).Build();

        var answered = await ocs.AskAsync(Ccrs.Wire(request));

        Assert.AreEqual(DiameterResultCode.MissingAvp.Value, Ccrs.Result(answered.Answer), answered.Decision);
        Assert.AreEqual(Avps.ServiceContextId.Code, FailedAvp(answered.Answer).Code);
    }

    [TestMethod]
    public async Task AnE164SubscriptionIdFindsTheTelUriAccount()
    {
        using var ocs = new OcsStore();
        await new CreditAccounts(ocs.Store).SetAsync(CreditAccount.InSeconds("tel:+15550100", 50), CancellationToken.None);
        var request = DiameterMessageBuilder.Request(DiameterCommands.CreditControlRo, 1, 1)
            .Add(Avps.SessionId, "e1").Add(Avps.OriginHost, "scscf.ims.test").Add(Avps.OriginRealm, "ims.test")
            .Add(Avps.DestinationRealm, "ims.test").Add(Avps.AuthApplicationId, 4u).Add(Avps.ServiceContextId, "32260@3gpp.org")
            .Add(Avps.CcRequestType, 1u).Add(Avps.CcRequestNumber, 0u)
            .Add(Avps.SubscriptionId, g => g.Add(Avps.SubscriptionIdType, 0u).Add(Avps.SubscriptionIdData, "15550100"))
            .Add(Avps.RequestedServiceUnit, g => g.Add(Avps.CcTime, 10u)).Build();

        var answered = await ocs.AskAsync(Ccrs.Wire(request));

        Assert.AreEqual(DiameterResultCode.Success.Value, Ccrs.Result(answered.Answer), answered.Decision);
        Assert.AreEqual(10u, Ccrs.Granted(answered.Answer), "single-service request: the grant is at the top level");
    }

    [TestMethod]
    public async Task EventDirectDebitingTakesTheUnitsOrRefusesWhenShort()
    {
        using var ocs = new OcsStore();
        var accounts = new CreditAccounts(ocs.Store);
        await accounts.SetAsync(CreditAccount.InSeconds(Ccrs.Alice, 15), CancellationToken.None);

        var debit = await ocs.AskAsync(Event("ev1", 10));
        var tooMuch = await ocs.AskAsync(Event("ev2", 10));

        Assert.AreEqual(DiameterResultCode.Success.Value, Ccrs.Result(debit.Answer), debit.Decision);
        Assert.AreEqual(DiameterResultCode.CreditLimitReached.Value, Ccrs.Result(tooMuch.Answer), tooMuch.Decision);
        Assert.AreEqual(5, (await accounts.ReadAsync(Ccrs.Alice, CancellationToken.None))!.Balance);
    }

    private static DiameterMessage Event(string session, uint seconds) => Ccrs.Wire(DiameterMessageBuilder.Request(DiameterCommands.CreditControlRo, 1, 1)
        .Add(Avps.SessionId, session).Add(Avps.OriginHost, "as.ims.test").Add(Avps.OriginRealm, "ims.test")
        .Add(Avps.DestinationRealm, "ims.test").Add(Avps.AuthApplicationId, 4u).Add(Avps.ServiceContextId, "32260@3gpp.org")
        .Add(Avps.CcRequestType, 4u).Add(Avps.CcRequestNumber, 0u).Add(Avps.RequestedAction, 0u)
        .Add(Avps.SubscriptionId, g => g.Add(Avps.SubscriptionIdType, 2u).Add(Avps.SubscriptionIdData, Ccrs.Alice))
        .Add(Avps.RequestedServiceUnit, g => g.Add(Avps.CcTime, seconds)).Build());

    private static DiameterMessage Ccr(uint type, bool includeSubscription)
    {
        var builder = DiameterMessageBuilder.Request(DiameterCommands.CreditControlRo, 1, 1)
            .Add(Avps.SessionId, "m1").Add(Avps.OriginHost, "scscf.ims.test").Add(Avps.OriginRealm, "ims.test")
            .Add(Avps.DestinationRealm, "ims.test").Add(Avps.AuthApplicationId, 4u).Add(Avps.ServiceContextId, "32260@3gpp.org")
            .Add(Avps.CcRequestType, type).Add(Avps.CcRequestNumber, 0u);
        if (includeSubscription)
        {
            builder.Add(Avps.SubscriptionId, g => g.Add(Avps.SubscriptionIdType, 2u).Add(Avps.SubscriptionIdData, Ccrs.Alice));
        }

        return Ccrs.Wire(builder.Build());
    }

    private static DiameterAvp FailedAvp(DiameterMessage answer) =>
        answer.Find(Avps.FailedAvp)?.Children.Single() ?? throw new AssertFailedException("no Failed-AVP");
}
