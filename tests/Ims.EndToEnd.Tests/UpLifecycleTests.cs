using System.Net;
using System.Net.Sockets;
using Ims.Diameter.Peers.Nodes;
using Ims.Edge.Hosting;
using Ims.EndToEnd.Tests.Support;
using Ims.Storage;
using Ims.Storage.Embedded;
using Ims.Storage.Http;

namespace Ims.EndToEnd.Tests;

/// <summary>`ims up` as a user runs it: it listens where its settings say, and stops in order.</summary>
[TestClass]
public sealed class UpLifecycleTests
{
    private readonly DataFolders _folders = new();

    [TestCleanup]
    public void RemoveFolders() => _folders.RemoveAll();

    private string NewDataFolder()
    {
        var folder = _folders.New("ims-e2e-");
        return folder;
    }

    [TestMethod]
    public async Task HssAcceptsADiameterPeerAndSigtermDisconnectsItWithDprAndExitsZero()
    {
        await using var ims = await ImsProcess.UpAsync(NewDataFolder());
        var client = await CxClient.ConnectAsync(ims.Ports["Hss__Port"]);
        try
        {
            Assert.IsTrue(client.OpenPeers.Any(p => p.OriginHost == CxClient.HssIdentity));

            var exitCode = await ims.StopAsync();

            Assert.AreEqual(0, exitCode, string.Join(Environment.NewLine, ims.Output));
            Assert.IsTrue(ims.Output.Any(l => l.Contains("stopped", StringComparison.Ordinal)), string.Join(Environment.NewLine, ims.Output));
            await Task.Delay(500);
            Assert.IsTrue(
                client.Events.Any(e => e.Kind == DiameterPeerEventKind.DisconnectRequestReceived),
                string.Join(Environment.NewLine, client.Events));
        }
        finally
        {
            await client.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task ASecondUpOnTheSameDataFolderIsRefusedInOneLine()
    {
        var data = NewDataFolder();
        await using var first = await ImsProcess.UpAsync(data);

        var (exitCode, output, error) = await ImsProcess.RunAsync("up", "--data", data);

        Assert.AreEqual(1, exitCode, output + error);
        Assert.AreEqual(1, error.Trim().Split('\n').Length, error);
        StringAssert.StartsWith(error.Trim(), "ims: ");
        StringAssert.Contains(error, $"pid {first.Pid}");
    }

    [TestMethod]
    public async Task APcscfPortHeldByAnotherProgramIsNamedInOneLine()
    {
        var ports = ImsProcess.NewPorts();
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, ports["Pcscf__Port"]));

        var (exitCode, output, error) = await ImsProcess.RunAsync(ports, "up", "--data", NewDataFolder());

        Assert.AreEqual(1, exitCode, output + error);
        Assert.AreEqual($"ims: P-CSCF cannot listen on SIP UDP+TCP 127.0.0.1:{ports["Pcscf__Port"]}: Address already in use", error.Trim());
    }

    [TestMethod]
    public async Task AnHssPortHeldByAnotherProgramIsNamedInOneLineAndTheStopRunsInOrder()
    {
        var ports = ImsProcess.NewPorts();
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, ports["Hss__Port"]));
        holder.Listen(1);
        var data = NewDataFolder();

        var (exitCode, output, error) = await ImsProcess.RunAsync(ports, "up", "--data", data);

        Assert.AreEqual(1, exitCode, output + error);
        Assert.AreEqual($"ims: HSS cannot listen on Diameter TCP 127.0.0.1:{ports["Hss__Port"]}: Address already in use", error.Trim());
        // The orderly stop ran: operator commands find no stale store endpoint to call.
        Assert.IsFalse(File.Exists(Path.Combine(data, TableStoreEndpoint.FileName)), string.Join(",", Directory.GetFiles(data)));
    }

    [TestMethod]
    public async Task OperatorCommandsReachTheStoreWhileUpRunsAndTheWritesOutliveIt()
    {
        var data = NewDataFolder();
        await using (var ims = await ImsProcess.UpAsync(data))
        {
            var store = OperatorStore.Open(data, out var error);
            Assert.IsNull(error);
            Assert.IsInstanceOfType<HttpTableStore>(store, "the folder is held, so the published endpoint is used");
            var written = await store!.InsertAsync("Impi", new TableEntity("alice@ims.test", string.Empty).With("Sqn", 32L), CancellationToken.None);
            Assert.AreEqual(StoreStatus.Ok, written.Status);
            ((IDisposable)store).Dispose();

            Assert.AreEqual(0, await ims.StopAsync());
        }

        Assert.IsFalse(File.Exists(Path.Combine(data, TableStoreEndpoint.FileName)), "the endpoint file goes with the process");
        using var embedded = (EmbeddedTableStore)OperatorStore.Open(data, out _)!;
        var read = await embedded.GetAsync("Impi", "alice@ims.test", string.Empty, CancellationToken.None);
        Assert.AreEqual(32L, read.Value!.GetInt64("Sqn"));
    }

    [TestMethod]
    public async Task BadSettingsGiveOneLineAndExitOne()
    {
        var (exitCode, _, error) = await ImsProcess.RunAsync("up", "--data", NewDataFolder(), "--bind", "not-an-address");

        Assert.AreEqual(1, exitCode);
        Assert.AreEqual("ims: Bind must be an IP address, not 'not-an-address'", error.Trim());
    }
}
