using System.Collections.Concurrent;
using Ims.Aka.Milenage;
using Ims.Aka.Vectors;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Values;
using Ims.EndToEnd.Tests.Support;
using Ims.Hss.Provisioning;
using Ims.Storage.AzureTables;
using Ims.Storage.Tests.Azurite;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// `ims up --store azure` on Azurite: subscriber state lives in Azure Tables, shared by every
/// process. Two HSS processes racing MARs for one IMPI never hand out the same SQN (TS 33.102 C.3:
/// the store's ETags serialise them), and state survives a restart.
/// </summary>
[TestClass]
public sealed class AzuriteUpTests
{
    private const string Domain = CxClient.HomeDomain;
    private const string Impi = "dave@" + Domain;
    private const string Impu = "sip:dave@" + Domain;
    private const string Scscf = "sip:scscf." + Domain + ":6060";
    private static readonly byte[] K = Convert.FromHexString("0396eb317b6d1c36f19c1c84cd6ffd16");
    private static readonly byte[] Op = Convert.FromHexString("ff53bade17df5d4e793073ce9d7579fa");
    private readonly DataFolders _folders = new();

    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void RemoveFolders() => _folders.RemoveAll();

    private string NewDataFolder() => _folders.New("ims-e2e-az-");

    [TestMethod]
    public async Task TwoProcessesRacingMarsForOneImpiNeverHandOutTheSameSqnAndStateSurvivesARestart()
    {
        using var azurite = await AzuriteServer.StartAsync();
        var provisioned = await new SubscriberProvisioning(AzureTableStore.FromConnectionString(azurite.ConnectionString)).AddAsync(
            new SubscriberSpec { Impi = Impi, Impus = [new ImpuSpec(Impu)], K = Convert.ToHexString(K), Op = Convert.ToHexString(Op) },
            CancellationToken.None);
        Assert.IsTrue(provisioned.IsOk, string.Join("; ", provisioned.Errors));

        var sqns = new ConcurrentBag<ulong>();
        var first = await ImsProcess.UpAsync(NewDataFolder(), "--store", "azure", "--connection", azurite.ConnectionString);
        await using (var second = await ImsProcess.UpAsync(NewDataFolder(), "--store", "azure", "--connection", azurite.ConnectionString))
        {
            var a = await CxClient.ConnectAsync(first.Ports["Hss__Port"]);
            var b = await CxClient.ConnectAsync(second.Ports["Hss__Port"]);
            try
            {
                await Task.WhenAll(
                    Enumerable.Range(0, 30).Select(i => Vector(i % 2 == 0 ? a : b, sqns)));
                var saa = await CxRequests.AskAsync(a, DiameterCommands.ServerAssignment, m => m
                    .Add(Avps.UserName, Impi).Add(Avps.PublicIdentity, Impu).Add(Avps.ServerName, Scscf)
                    .Add(Avps.ServerAssignmentType, 1u).Add(Avps.UserDataAlreadyAvailable, 0u), TestContext.CancellationToken);
                Assert.AreEqual(DiameterResultCode.Success.Value, saa.GetUnsigned32(Avps.ResultCode));
            }
            finally
            {
                await a.DisposeAsync();
                await b.DisposeAsync();
            }
        }

        Assert.HasCount(30, sqns);
        Assert.HasCount(30, sqns.Distinct().ToList(), "an SQN was handed out twice");

        // Restart the first process on the same store: the assignment and the SQN are where they were.
        Assert.AreEqual(0, await first.StopAsync());
        await first.DisposeAsync();
        await using var restarted = await ImsProcess.UpAsync(NewDataFolder(), "--store", "azure", "--connection", azurite.ConnectionString);
        var client = await CxClient.ConnectAsync(restarted.Ports["Hss__Port"]);
        try
        {
            var uaa = await CxRequests.AskAsync(client, DiameterCommands.UserAuthorization, m => m
                .Add(Avps.UserName, Impi).Add(Avps.PublicIdentity, Impu).Add(Avps.VisitedNetworkIdentifier, Domain), TestContext.CancellationToken);
            Assert.AreEqual(DiameterExperimentalResultCode.SubsequentRegistration.Value, CxRequests.ExperimentalResult(uaa));
            Assert.AreEqual(Scscf, uaa.GetString(Avps.ServerName));

            var after = new ConcurrentBag<ulong>();
            await Vector(client, after);
            Assert.IsGreaterThan(sqns.Max(), after.Single(), "the SQN carried on from the store, not from zero");
        }
        finally
        {
            await client.DisposeAsync();
        }
    }

    private async Task Vector(Ims.Diameter.Peers.Nodes.DiameterNode client, ConcurrentBag<ulong> sqns)
    {
        var (challenge, xres) = await CxRequests.OneAkaVectorAsync(client, Impi, Impu, Scscf, TestContext.CancellationToken);
        using var usim = new MilenageAlgorithm(SubscriberKeys.FromOp(K, Op));
        var response = AutnVerifier.Verify(usim, challenge.AsSpan(0, 16), challenge.AsSpan(16, 16));
        Assert.IsTrue(response.Succeeded, response.Message);
        CollectionAssert.AreEqual(xres, response.Value.Res.ToArray());
        sqns.Add(response.Value.Sqn.Value);
    }
}
