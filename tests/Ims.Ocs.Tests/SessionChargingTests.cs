using Ims.Diameter.Dictionary;
using Ims.Diameter.Values;
using Ims.Ocs.Accounts;

namespace Ims.Ocs.Tests;

/// <summary>RFC 4006 session charging (SCUR) against table-backed balances: grant, debit, refund, limits.</summary>
[TestClass]
public sealed class SessionChargingTests
{
    [TestMethod]
    public async Task InitialGrantsTheRequestedTimeAndReservesIt()
    {
        using var ocs = new OcsStore();
        await new CreditAccounts(ocs.Store).SetAsync(CreditAccount.InSeconds(Ccrs.Alice, 100), CancellationToken.None);

        var answered = await ocs.AskAsync(Ccrs.Initial("s1", requested: 40));

        Assert.AreEqual(DiameterResultCode.Success.Value, Ccrs.Result(answered.Answer), answered.Decision);
        Assert.AreEqual(40u, Ccrs.Granted(answered.Answer));
        Assert.AreEqual(120u, Cscf.Charging.RoCreditAnswer.Read(answered.Answer)!.ValiditySeconds);
        Assert.IsFalse(Cscf.Charging.RoCreditAnswer.Read(answered.Answer)!.IsFinalGrant);
        Assert.AreEqual(1u, answered.Answer.GetUnsigned32(Avps.CcRequestType));
        Assert.AreEqual(0u, answered.Answer.GetUnsigned32(Avps.CcRequestNumber));
        Assert.AreEqual(4u, answered.Answer.GetUnsigned32(Avps.AuthApplicationId));
        var account = await new CreditAccounts(ocs.Store).ReadAsync(Ccrs.Alice, CancellationToken.None);
        Assert.AreEqual(100, account!.Balance);
        Assert.AreEqual(40, account.Reserved);
    }

    [TestMethod]
    public async Task InitialWithoutAnAmountGetsTheDefaultQuota()
    {
        using var ocs = new OcsStore();
        await new CreditAccounts(ocs.Store).SetAsync(CreditAccount.InSeconds(Ccrs.Alice, 100), CancellationToken.None);

        var answered = await ocs.AskAsync(Ccrs.Initial("s1"));

        Assert.AreEqual(OcsStore.Options.DefaultQuotaSeconds, Ccrs.Granted(answered.Answer));
    }

    [TestMethod]
    public async Task AGrantLargerThanTheBalanceIsCutToItAndMarkedFinal()
    {
        using var ocs = new OcsStore();
        await new CreditAccounts(ocs.Store).SetAsync(CreditAccount.InSeconds(Ccrs.Alice, 7), CancellationToken.None);

        var answered = await ocs.AskAsync(Ccrs.Initial("s1", requested: 60));

        Assert.AreEqual(7u, Ccrs.Granted(answered.Answer));
        Assert.IsTrue(Cscf.Charging.RoCreditAnswer.Read(answered.Answer)!.IsFinalGrant, "RFC 4006 5.6.1: Final-Unit-Indication with the last units");
    }

    [TestMethod]
    public async Task UpdateDebitsTheUsedTimeReleasesTheRestAndGrantsAgain()
    {
        using var ocs = new OcsStore();
        var accounts = new CreditAccounts(ocs.Store);
        await accounts.SetAsync(CreditAccount.InSeconds(Ccrs.Alice, 100), CancellationToken.None);
        await ocs.AskAsync(Ccrs.Initial("s1", requested: 30));

        var update = await ocs.AskAsync(Ccrs.Update("s1", 1, used: 25, requested: 30));

        Assert.AreEqual(DiameterResultCode.Success.Value, Ccrs.Result(update.Answer), update.Decision);
        Assert.AreEqual(30u, Ccrs.Granted(update.Answer));
        var account = await accounts.ReadAsync(Ccrs.Alice, CancellationToken.None);
        Assert.AreEqual(75, account!.Balance);
        Assert.AreEqual(30, account.Reserved);
    }

    [TestMethod]
    public async Task TerminationDebitsTheFinalUseAndRefundsTheUnusedReservation()
    {
        using var ocs = new OcsStore();
        var accounts = new CreditAccounts(ocs.Store);
        await accounts.SetAsync(CreditAccount.InSeconds(Ccrs.Alice, 100), CancellationToken.None);
        await ocs.AskAsync(Ccrs.Initial("s1", requested: 30));
        await ocs.AskAsync(Ccrs.Update("s1", 1, used: 30, requested: 30));

        var end = await ocs.AskAsync(Ccrs.Termination("s1", 2, used: 12));

        Assert.AreEqual(DiameterResultCode.Success.Value, Ccrs.Result(end.Answer), end.Decision);
        var account = await accounts.ReadAsync(Ccrs.Alice, CancellationToken.None);
        Assert.AreEqual(100 - 30 - 12, account!.Balance);
        Assert.AreEqual(0, account.Reserved);
        var again = await ocs.AskAsync(Ccrs.Termination("s1", 3, used: 1));
        Assert.AreEqual(DiameterResultCode.UnknownSessionId.Value, Ccrs.Result(again.Answer), "the session is closed by its TERMINATION");
    }

    [TestMethod]
    public async Task AZeroBalanceGetsCreditLimitReached()
    {
        using var ocs = new OcsStore();
        await new CreditAccounts(ocs.Store).SetAsync(CreditAccount.InSeconds(Ccrs.Alice, 0), CancellationToken.None);

        var answered = await ocs.AskAsync(Ccrs.Initial("s1", requested: 30));

        Assert.AreEqual(DiameterResultCode.CreditLimitReached.Value, Ccrs.Result(answered.Answer), answered.Decision);
        Assert.IsNull(Ccrs.Granted(answered.Answer));
        var update = await ocs.AskAsync(Ccrs.Update("s1", 1, used: 0));
        Assert.AreEqual(DiameterResultCode.UnknownSessionId.Value, Ccrs.Result(update.Answer), "a refused INITIAL opens no session");
    }

    [TestMethod]
    public async Task AnUpdateWhenTheBalanceIsUsedUpGetsCreditLimitReachedAndTheSessionCanStillTerminate()
    {
        using var ocs = new OcsStore();
        var accounts = new CreditAccounts(ocs.Store);
        await accounts.SetAsync(CreditAccount.InSeconds(Ccrs.Alice, 20), CancellationToken.None);
        await ocs.AskAsync(Ccrs.Initial("s1", requested: 30));

        var update = await ocs.AskAsync(Ccrs.Update("s1", 1, used: 20, requested: 30));
        var end = await ocs.AskAsync(Ccrs.Termination("s1", 2, used: 0));

        Assert.AreEqual(DiameterResultCode.CreditLimitReached.Value, Ccrs.Result(update.Answer), update.Decision);
        Assert.AreEqual(DiameterResultCode.Success.Value, Ccrs.Result(end.Answer), end.Decision);
        Assert.AreEqual(0, (await accounts.ReadAsync(Ccrs.Alice, CancellationToken.None))!.Balance);
    }

    [TestMethod]
    public async Task AnUnknownSubscriberGetsUserUnknown()
    {
        using var ocs = new OcsStore();

        var answered = await ocs.AskAsync(Ccrs.Initial("s1", subscriber: "sip:nobody@ims.test"));

        Assert.AreEqual(DiameterResultCode.UserUnknown.Value, Ccrs.Result(answered.Answer), answered.Decision);
    }

    [TestMethod]
    public async Task UpdateAndTerminationOfAnUnknownSessionGetUnknownSessionId()
    {
        using var ocs = new OcsStore();
        await new CreditAccounts(ocs.Store).SetAsync(CreditAccount.InSeconds(Ccrs.Alice, 100), CancellationToken.None);

        var update = await ocs.AskAsync(Ccrs.Update("never-opened", 1, used: 5));
        var end = await ocs.AskAsync(Ccrs.Termination("never-opened", 2, used: 5));

        Assert.AreEqual(DiameterResultCode.UnknownSessionId.Value, Ccrs.Result(update.Answer));
        Assert.AreEqual(DiameterResultCode.UnknownSessionId.Value, Ccrs.Result(end.Answer));
        Assert.AreEqual(100, (await new CreditAccounts(ocs.Store).ReadAsync(Ccrs.Alice, CancellationToken.None))!.Balance, "nothing is debited");
    }

    [TestMethod]
    public async Task ARetransmittedUpdateIsAnsweredAgainWithoutChargingTwice()
    {
        using var ocs = new OcsStore();
        var accounts = new CreditAccounts(ocs.Store);
        await accounts.SetAsync(CreditAccount.InSeconds(Ccrs.Alice, 100), CancellationToken.None);
        await ocs.AskAsync(Ccrs.Initial("s1", requested: 30));

        var first = await ocs.AskAsync(Ccrs.Update("s1", 1, used: 30, requested: 30));
        var repeat = await ocs.AskAsync(Ccrs.Update("s1", 1, used: 30, requested: 30));

        Assert.AreEqual(Ccrs.Granted(first.Answer), Ccrs.Granted(repeat.Answer));
        Assert.AreEqual(70, (await accounts.ReadAsync(Ccrs.Alice, CancellationToken.None))!.Balance);
    }

    [TestMethod]
    public async Task MoneyAccountsAreChargedAtTheirRatePerSecond()
    {
        using var ocs = new OcsStore();
        var accounts = new CreditAccounts(ocs.Store);
        // 1.00 at 0.05 a second pays for 20 seconds.
        await accounts.SetAsync(CreditAccount.InMoney(Ccrs.Alice, 1.00m, 0.05m), CancellationToken.None);

        var initial = await ocs.AskAsync(Ccrs.Initial("s1", requested: 60));
        await ocs.AskAsync(Ccrs.Termination("s1", 1, used: 8));

        Assert.AreEqual(20u, Ccrs.Granted(initial.Answer));
        var account = await accounts.ReadAsync(Ccrs.Alice, CancellationToken.None);
        Assert.AreEqual(CreditAccount.ToMillionths(0.60m), account!.Balance);
        Assert.AreEqual(0, account.Reserved);
    }

    [TestMethod]
    public async Task ConcurrentSessionsOfOneSubscriberNeverGrantMoreThanTheBalance()
    {
        using var ocs = new OcsStore();
        var accounts = new CreditAccounts(ocs.Store);
        await accounts.SetAsync(CreditAccount.InSeconds(Ccrs.Alice, 100), CancellationToken.None);

        // Ten sessions ask for 30 s each at once: the ETag on the balance row lets only 100 s out.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => ocs.AskAsync(Ccrs.Initial($"c{i}", requested: 30)))));

        var granted = answers.Sum(a => (long)(Ccrs.Granted(a.Answer) ?? 0));
        Assert.AreEqual(100, granted, string.Join("\n", answers.Select(a => a.Decision)));
        Assert.AreEqual(100, (await accounts.ReadAsync(Ccrs.Alice, CancellationToken.None))!.Reserved);
        Assert.IsTrue(answers.Any(a => Ccrs.Result(a.Answer) == DiameterResultCode.CreditLimitReached.Value));
    }
}
