using System.Net;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Peers.Tests.Support;

namespace Ims.Diameter.Peers.Tests.Interop;

/// <summary>
/// Our node against freeDiameter 1.2.1 (freeDiameterd) on loopback, both directions: CER/CEA,
/// DWR/DWA and DPR/DPA with a real third-party peer. freeDiameterd runs with no extensions, so it
/// speaks the base protocol only; our node accepts it as a base-protocol peer.
/// </summary>
[TestClass]
public sealed class FreeDiameterTests
{
    private const string FreeDiameterIdentity = "fd.ims.test";
    private const string OurIdentity = "edge.ims.test";

    [TestMethod]
    public async Task OurNodeConnectsToFreeDiameterAndRunsCapabilitiesWatchdogAndDisconnect()
    {
        var fdPort = TestNodes.FreePort();
        // freeDiameter accepts only peers it knows: declare us with a port nothing listens on, so
        // the only connection is the one we open.
        using var fd = await FreeDiameter.StartAsync(fdPort, OurIdentity, TestNodes.FreePort());
        var options = BaseOnly(TestNodes.Options(OurIdentity, null, new DiameterPeerEndpoint(FreeDiameterIdentity, "127.0.0.1", fdPort)))
            with { WatchdogInterval = TimeSpan.FromMilliseconds(300) };
        var node = new DiameterNode(options, TestNodes.SuccessHandler(OurIdentity));
        try
        {
            await node.StartAsync();

            Assert.IsTrue(await node.WaitForPeerAsync(FreeDiameterIdentity, TestNodes.Patience), $"no CEA from freeDiameter: {fd.Process.Output}");
            var peer = node.OpenPeers.Single();
            Assert.AreEqual("ims.test", peer.OriginRealm);
            Assert.IsTrue(await TestNodes.Eventually(() => node.Saw(FreeDiameterIdentity, DiameterPeerEventKind.WatchdogAnswerReceived)), "no DWA");
            await node.StopAsync();
            Assert.IsTrue(node.Saw(FreeDiameterIdentity, DiameterPeerEventKind.DisconnectAnswerReceived), $"no DPA: {fd.Process.Output}");
            Assert.IsFalse(node.Saw(FreeDiameterIdentity, DiameterPeerEventKind.WatchdogExpired));
        }
        finally
        {
            await node.DisposeAsync();
            await fd.Process.StopAsync(TimeSpan.FromSeconds(20));
        }
    }

    [TestMethod]
    public async Task FreeDiameterConnectsToOurNodeAndRunsCapabilitiesWatchdogAndDisconnect()
    {
        var ourPort = TestNodes.FreePort();
        var options = BaseOnly(TestNodes.Options(OurIdentity, new IPEndPoint(IPAddress.Loopback, ourPort)))
            with { WatchdogInterval = TimeSpan.FromMilliseconds(300) };
        var node = new DiameterNode(options, TestNodes.SuccessHandler(OurIdentity));
        await node.StartAsync();
        using var fd = await FreeDiameter.StartAsync(TestNodes.FreePort(), OurIdentity, ourPort);
        try
        {
            Assert.IsTrue(await node.WaitForPeerAsync(FreeDiameterIdentity, TestNodes.Patience), $"freeDiameter did not connect: {fd.Process.Output}");
            Assert.IsTrue(node.Events.Any(e => e.Kind == DiameterPeerEventKind.Opened && e.Detail == "responder"));
            Assert.IsTrue(await TestNodes.Eventually(() => node.Saw(FreeDiameterIdentity, DiameterPeerEventKind.WatchdogAnswerReceived)), "no DWA");
            await node.StopAsync();
            Assert.IsTrue(node.Saw(FreeDiameterIdentity, DiameterPeerEventKind.DisconnectAnswerReceived), $"no DPA: {fd.Process.Output}");
        }
        finally
        {
            await node.DisposeAsync();
            await fd.Process.StopAsync(TimeSpan.FromSeconds(20));
        }
    }

    // freeDiameterd without extensions advertises no application, so both sides must accept a peer for the base protocol alone.
    private static DiameterNodeOptions BaseOnly(DiameterNodeOptions options) => options with { RequireCommonApplication = false };

    private sealed class FreeDiameter : IDisposable
    {
        private readonly string _folder;

        private FreeDiameter(string folder, ExternalProcess process)
        {
            _folder = folder;
            Process = process;
        }

        public ExternalProcess Process { get; }

        public static async Task<FreeDiameter> StartAsync(int port, string peerIdentity, int peerPort)
        {
            ExternalProcess.Require("freeDiameterd");
            var folder = Directory.CreateTempSubdirectory("ims-fd-").FullName;
            var config = Path.Combine(folder, "fd.conf");
            await File.WriteAllTextAsync(config, $$"""
                Identity = "{{FreeDiameterIdentity}}";
                Realm = "ims.test";
                Port = {{port}};
                SecPort = 0;
                No_SCTP;
                ListenOn = "127.0.0.1";
                TcTimer = 1;
                ConnectPeer = "{{peerIdentity}}" { ConnectTo = "127.0.0.1"; No_TLS; Port = {{peerPort}}; };
                """);
            var process = ExternalProcess.Start("freeDiameterd", folder, "-c", config);
            if (!await process.WaitForOutputAsync("daemon initialized", TimeSpan.FromSeconds(10)))
            {
                process.Dispose();
                Assert.Fail($"freeDiameterd did not start: {process.Output}");
            }

            return new FreeDiameter(folder, process);
        }

        public void Dispose()
        {
            Process.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
