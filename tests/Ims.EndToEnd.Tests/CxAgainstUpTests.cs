using Ims.Aka.Milenage;
using Ims.Aka.Vectors;
using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Peers.Requests;
using Ims.Diameter.Peers.Tests.Support;
using Ims.Diameter.Values;
using Ims.Edge.Hosting;
using Ims.EndToEnd.Tests.Support;
using Ims.Hss.Provisioning;
using Ims.Ifc.Subscription;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// The HSS of a running `ims up`, asked by a Diameter client node over loopback as an I-CSCF and an
/// S-CSCF would ask it (TS 29.229 6.1): UAR, MAR, SAR, LIR. The vector the MAA carries is checked the
/// way a USIM checks it, with the subscriber's K and OP; tshark judges the bytes on the wire.
/// </summary>
[TestClass]
public sealed class CxAgainstUpTests
{
    private const string Domain = CxClient.HomeDomain;
    private const string Impi = "alice@" + Domain;
    private const string Impu = "sip:alice@" + Domain;
    private const string Tel = "tel:+15550100";
    private const string Scscf = "sip:scscf." + Domain + ":6060";
    private static readonly byte[] K = Convert.FromHexString("465b5ce8b199b49faa5f0a2ee238a6bc");
    private static readonly byte[] Op = Convert.FromHexString("cdc202d5123e20f62b6d676ac72cb318");

    private readonly DataFolders _folders = new();
    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void RemoveFolders() => _folders.RemoveAll();

    [TestMethod]
    public async Task RegistrationDialogueWithTheHssAnswersEachStepAndDissectsCleanly()
    {
        ExternalProcess.Require("tshark");
        var data = _folders.New("ims-e2e-cx-");
        var pcap = Path.Combine(data, "cx.pcap");
        await using var ims = await ImsProcess.UpAsync(data);
        await Provision(data);
        var port = ims.Ports["Hss__Port"];

        using (var capture = await DiameterCapture.StartAsync(data, pcap, port))
        {
            var client = await CxClient.ConnectAsync(port);
            try
            {
                // UAR (TS 29.229 6.1.1): first registration, no S-CSCF assigned yet.
                var uaa = await CxRequests.AskAsync(client, DiameterCommands.UserAuthorization, b => b
                    .Add(Avps.UserName, Impi).Add(Avps.PublicIdentity, Impu).Add(Avps.VisitedNetworkIdentifier, Domain), TestContext.CancellationToken);
                Assert.AreEqual(DiameterExperimentalResultCode.FirstRegistration.Value, CxRequests.ExperimentalResult(uaa));

                // MAR (6.1.7): one Digest-AKAv1-MD5 vector whose AUTN the UE accepts.
                var (challenge, xres) = await CxRequests.OneAkaVectorAsync(client, Impi, Impu, Scscf, TestContext.CancellationToken);
                Assert.HasCount(32, challenge);
                using var usim = new MilenageAlgorithm(SubscriberKeys.FromOp(K, Op));
                var response = AutnVerifier.Verify(usim, challenge.AsSpan(0, 16), challenge.AsSpan(16, 16));
                Assert.IsTrue(response.Succeeded, response.Message);
                CollectionAssert.AreEqual(xres, response.Value.Res.ToArray());

                // SAR REGISTRATION (6.1.2): the subscription comes back as User-Data.
                var saa = await CxRequests.AskAsync(client, DiameterCommands.ServerAssignment, b => b
                    .Add(Avps.UserName, Impi).Add(Avps.PublicIdentity, Impu).Add(Avps.ServerName, Scscf)
                    .Add(Avps.ServerAssignmentType, 1u).Add(Avps.UserDataAlreadyAvailable, 0u), TestContext.CancellationToken);
                Assert.AreEqual(DiameterResultCode.Success.Value, saa.GetUnsigned32(Avps.ResultCode));
                var subscription = ImsSubscriptionXml.Read(saa.GetString(Avps.UserData)!);
                Assert.IsTrue(subscription.IsValid, subscription.Error);
                CollectionAssert.AreEquivalent(new[] { Impu, Tel }, subscription.Subscription!.ServiceProfiles.SelectMany(p => p.PublicIdentities).Select(i => i.Identity).ToArray());

                // LIR (6.1.5): the S-CSCF just assigned.
                var lia = await CxRequests.AskAsync(client, DiameterCommands.LocationInfo, b => b.Add(Avps.PublicIdentity, Tel), TestContext.CancellationToken);
                Assert.AreEqual(DiameterResultCode.Success.Value, lia.GetUnsigned32(Avps.ResultCode));
                Assert.AreEqual(Scscf, lia.GetString(Avps.ServerName));

                // UAR again: subsequent registration, naming the S-CSCF.
                var again = await CxRequests.AskAsync(client, DiameterCommands.UserAuthorization, b => b
                    .Add(Avps.UserName, Impi).Add(Avps.PublicIdentity, Impu).Add(Avps.VisitedNetworkIdentifier, Domain), TestContext.CancellationToken);
                Assert.AreEqual(DiameterExperimentalResultCode.SubsequentRegistration.Value, CxRequests.ExperimentalResult(again));
                Assert.AreEqual(Scscf, again.GetString(Avps.ServerName));

                // An unknown user (6.2.2.1).
                var unknown = await CxRequests.AskAsync(client, DiameterCommands.UserAuthorization, b => b
                    .Add(Avps.UserName, "mallory@" + Domain).Add(Avps.PublicIdentity, "sip:mallory@" + Domain).Add(Avps.VisitedNetworkIdentifier, Domain), TestContext.CancellationToken);
                Assert.AreEqual(DiameterExperimentalResultCode.ErrorUserUnknown.Value, CxRequests.ExperimentalResult(unknown));
            }
            finally
            {
                await client.DisposeAsync();
            }

            await Task.Delay(500, TestContext.CancellationToken);
            await capture.StopAsync(TimeSpan.FromSeconds(10));
        }

        await DiameterCapture.AssertDissectsCleanlyAsync(pcap, port);
        var (_, commands) = await ExternalProcess.RunAsync("tshark", TimeSpan.FromSeconds(60), ["-r", pcap, .. DiameterCapture.DecodeAs(port), "-Y", "diameter", "-T", "fields", "-e", "diameter.cmd.code", "-e", "diameter.flags.request"]);
        var cx = commands.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("30", StringComparison.Ordinal)).ToList();
        // Requests and answers of UAR, MAR, SAR, LIR, UAR, UAR: twelve Cx messages.
        Assert.HasCount(12, cx, commands);
    }

    private static async Task Provision(string data)
    {
        var store = OperatorStore.Open(data, out var error) ?? throw new InvalidOperationException(error);
        try
        {
            var result = await new SubscriberProvisioning(store).AddAsync(
                new SubscriberSpec
                {
                    Impi = Impi,
                    Impus = [new ImpuSpec(Impu), new ImpuSpec(Tel)],
                    K = Convert.ToHexString(K),
                    Op = Convert.ToHexString(Op),
                },
                CancellationToken.None);
            Assert.IsTrue(result.IsOk, string.Join("; ", result.Errors));
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }
}
