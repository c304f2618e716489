using Ims.EndToEnd.Tests.Support;
using Ims.Hss.Provisioning;
using Ims.Hss.Subscribers;
using Ims.Storage;
using Ims.Storage.AzureTables;
using Ims.Storage.Tests.Azurite;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// The registration flow with every table on Azure Table storage (Azurite): a SIPp UE registers with
/// AKA through `ims up --store azure`; after a restart of `ims up` the registration, the registrar's
/// binding and the SQN are still there, and a re-REGISTER from the same UE succeeds.
/// </summary>
[TestClass]
public sealed class AzuriteRegistrationTests
{
    private const string Domain = "ims.mnc001.mcc001.3gppnetwork.org";
    private const string User = "erin";
    private const string Impi = User + "@" + Domain;
    private const string Impu = "sip:" + User + "@" + Domain;
    private const string KText = "kkkkkkkkkkkkkk01";
    private const string OpText = "oooooooooooooooo";
    private const string AmfText = "00";
    private readonly DataFolders _folders = new();

    [TestCleanup]
    public void RemoveFolders() => _folders.RemoveAll();

    [TestMethod]
    public async Task ARegistrationOnAzureTablesSurvivesARestartAndTheUeReRegisters()
    {
        using var azurite = await AzuriteServer.StartAsync();
        var store = AzureTableStore.FromConnectionString(azurite.ConnectionString);
        var added = await new SubscriberProvisioning(store).AddAsync(
            new SubscriberSpec { Impi = Impi, Impus = [new ImpuSpec(Impu)], K = Sipp.Hex(KText), Op = Sipp.Hex(OpText), Amf = Sipp.Hex(AmfText) },
            CancellationToken.None);
        Assert.IsTrue(added.IsOk, string.Join("; ", added.Errors));
        var ue = ImsProcess.FreePort();
        // The restarted process keeps its addresses: the HSS remembers the S-CSCF by name and port.
        var ports = ImsProcess.NewPorts();
        string[] line = [$"{User};{Domain};{Sipp.AkaKeyword(Impi, KText, OpText, AmfText)};3600;"];

        long sqnBefore;
        await using (var ims = await ImsProcess.UpAsync(NewDataFolder(), ports, "--store", "azure", "--connection", azurite.ConnectionString))
        {
            var (registered, _) = await Sipp.RegisterAkaAsync(ims.Ports["Pcscf__Port"], line, ue);
            Assert.AreEqual(1, registered.Successful, registered.ToString());
            Assert.AreEqual(0, await ims.StopAsync());
            sqnBefore = (await SubscriberTables.ReadImpiAsync(store, Impi, CancellationToken.None))!.Value.Record.Sqn;
        }

        // Nothing of the registration lived in the stopped process: the HSS state, the S-CSCF binding
        // and the P-CSCF registration are all rows in Azure Tables.
        Assert.AreEqual(RegistrationState.Registered, (await SubscriberTables.ReadImpuAsync(store, Impu, CancellationToken.None))!.Value.Record.State);
        Assert.AreEqual(2, await CountAsync(store, "ScscfRegistration"), "the profile row and one contact row");
        Assert.AreEqual(1, await CountAsync(store, "PcscfRegistration"));
        // So are the expiry timers of both registrars, which the next edge with this id schedules again.
        var timersKept = await CountAsync(store, "EdgeTimer");
        Assert.IsGreaterThanOrEqualTo(2, timersKept, "the P-CSCF's and the S-CSCF's expiry timers");

        await using (var again = await ImsProcess.UpAsync(NewDataFolder(), ports, "--store", "azure", "--connection", azurite.ConnectionString))
        {
            Assert.IsTrue(again.Output.Any(l => l.Contains($"{timersKept} timer(s) kept from the last run scheduled again", StringComparison.Ordinal)),
                string.Join(Environment.NewLine, again.Output.Take(20)));
            var (reRegistered, _) = await Sipp.RegisterAkaAsync(again.Ports["Pcscf__Port"], line, ue);
            Assert.AreEqual(1, reRegistered.Successful, reRegistered + string.Join(Environment.NewLine, again.Output.TakeLast(40)));
            Assert.AreEqual(0, reRegistered.Failed, reRegistered.ToString());
            Assert.IsTrue(
                again.Output.Any(l => l.Contains("Scscf REGISTER", StringComparison.Ordinal) && l.Contains("-> 200", StringComparison.Ordinal)),
                string.Join(Environment.NewLine, again.Output.TakeLast(20)));
        }

        var sqnAfter = (await SubscriberTables.ReadImpiAsync(store, Impi, CancellationToken.None))!.Value.Record.Sqn;
        Assert.IsGreaterThan(sqnBefore, sqnAfter, "the restarted HSS carried the SQN on from the table");
        Assert.AreEqual(2, await CountAsync(store, "ScscfRegistration"), "re-registration refreshed the same binding");
    }

    private static async Task<int> CountAsync(ITableStore store, string table)
    {
        var count = 0;
        await foreach (var _ in store.QueryAsync(table, TableQuery.All, CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    private string NewDataFolder() => _folders.New("ims-e2e-azreg-");
}
