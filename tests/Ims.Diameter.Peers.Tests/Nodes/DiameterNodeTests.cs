using System.Net;
using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Peers.Requests;
using Ims.Diameter.Peers.Tests.Support;
using Ims.Diameter.Values;

namespace Ims.Diameter.Peers.Tests.Nodes;

/// <summary>Two of our own nodes over loopback TCP: CER/CEA, requests, DWR/DWA, DPR/DPA, timeouts, failover, reconnection.</summary>
[TestClass]
public sealed class DiameterNodeTests
{
    private const string ServerHost = "server.ims.test";
    private const string ClientHost = "client.ims.test";

    [TestMethod]
    public async Task ClientAndServerExchangeCapabilities()
    {
        await using var pair = await NodePair.StartAsync();

        var serverSeen = pair.Client.OpenPeers.Single();
        Assert.AreEqual(ServerHost, serverSeen.OriginHost);
        Assert.AreEqual("ims.test", serverSeen.OriginRealm);
        Assert.IsTrue(serverSeen.Supports(DiameterApplicationId.Cx.Value));
        Assert.IsTrue(serverSeen.Supports(DiameterApplicationId.CreditControl.Value));
        Assert.AreEqual("Ims.Cloud tests", serverSeen.ProductName);
        Assert.IsTrue(await TestNodes.Eventually(() => pair.Server.OpenPeers.Any(p => p.OriginHost == ClientHost)));
    }

    [TestMethod]
    public async Task RequestIsHandledByThePeerAndTheAnswerReturned()
    {
        await using var pair = await NodePair.StartAsync();

        var outcome = await pair.Client.SendRequestAsync(TestNodes.Request(DiameterCommands.UserAuthorization));

        Assert.AreEqual(DiameterRequestOutcomeKind.Answered, outcome.Kind, outcome.Detail);
        Assert.AreEqual(ServerHost, outcome.Peer);
        Assert.AreEqual(300u, outcome.Answer!.CommandCode);
        Assert.IsFalse(outcome.Answer.IsRequest);
        Assert.AreEqual(2001u, outcome.Answer.GetUnsigned32(Avps.ResultCode));
        Assert.AreEqual("client.ims.test;UAR;1", outcome.Answer.SessionId);
    }

    [TestMethod]
    public async Task InvalidRequestIsAnsweredWithItsResultCode()
    {
        await using var pair = await NodePair.StartAsync();
        var unknownCommand = DiameterMessageBuilder.Request(new DiameterHeader(DiameterCommandFlags.Proxiable, 399, DiameterApplicationId.Cx.Value, 0, 0))
            .Add(Avps.OriginHost, ClientHost).Add(Avps.OriginRealm, "ims.test").Add(Avps.DestinationRealm, "ims.test").Build();

        var outcome = await pair.Client.SendRequestAsync(unknownCommand);

        Assert.AreEqual(DiameterRequestOutcomeKind.Answered, outcome.Kind);
        Assert.IsTrue(outcome.Answer!.Header.IsError);
        Assert.AreEqual(DiameterResultCode.CommandUnsupported.Value, outcome.Answer.GetUnsigned32(Avps.ResultCode));
    }

    [TestMethod]
    public async Task SlowHandlerGivesATimeoutValue()
    {
        await using var pair = await NodePair.StartAsync(handler: async (request, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return request;
        });

        var outcome = await pair.Client.SendRequestAsync(TestNodes.Request(DiameterCommands.LocationInfo), TimeSpan.FromMilliseconds(200));

        Assert.AreEqual(DiameterRequestOutcomeKind.TimedOut, outcome.Kind);
        Assert.IsNull(outcome.Answer);
    }

    [TestMethod]
    public async Task UnknownRealmAndUnadvertisedApplicationHaveNoRoute()
    {
        var cxOnly = TestNodes.Options(ServerHost, TestNodes.AnyLoopback) with { AuthApplicationIds = [], VendorSpecificApplicationIds = [(10415u, 16777216u)] };
        await using var pair = await NodePair.StartAsync(serverOptions: cxOnly);

        var otherRealm = await pair.Client.SendRequestAsync(TestNodes.Request(DiameterCommands.UserAuthorization, realm: "elsewhere.test"));
        var rx = await pair.Client.SendRequestAsync(TestNodes.Request(DiameterCommands.AaRx));

        Assert.AreEqual(DiameterRequestOutcomeKind.NoRoute, otherRealm.Kind);
        Assert.AreEqual(DiameterRequestOutcomeKind.NoRoute, rx.Kind);
    }

    [TestMethod]
    public async Task IdleConnectionExchangesWatchdogs()
    {
        await using var pair = await NodePair.StartAsync(watchdog: TimeSpan.FromMilliseconds(150));

        Assert.IsTrue(await TestNodes.Eventually(() => pair.Client.Saw(ServerHost, DiameterPeerEventKind.WatchdogAnswerReceived)));
        Assert.IsTrue(await TestNodes.Eventually(() => pair.Server.Saw(ClientHost, DiameterPeerEventKind.WatchdogRequestReceived)));
        Assert.IsFalse(pair.Client.Saw(ServerHost, DiameterPeerEventKind.WatchdogExpired));
    }

    [TestMethod]
    public async Task StopSendsDprAndWaitsForDpa()
    {
        await using var pair = await NodePair.StartAsync();

        await pair.Client.StopAsync();

        Assert.IsTrue(pair.Client.Saw(ServerHost, DiameterPeerEventKind.DisconnectAnswerReceived));
        Assert.IsTrue(await TestNodes.Eventually(() => pair.Server.Saw(ClientHost, DiameterPeerEventKind.DisconnectRequestReceived)));
        Assert.IsTrue(await TestNodes.Eventually(() => pair.Server.OpenPeers.Count == 0));
    }

    [TestMethod]
    public async Task PendingRequestFailsWhenThePeerGoesAway()
    {
        var entered = new TaskCompletionSource();
        await using var pair = await NodePair.StartAsync(handler: async (request, _, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return request;
        });

        var sending = pair.Client.SendRequestAsync(TestNodes.Request(DiameterCommands.ServerAssignment), TimeSpan.FromSeconds(20));
        await entered.Task.WaitAsync(TestNodes.Patience);
        await pair.Server.StopAsync();
        var outcome = await sending.WaitAsync(TestNodes.Patience);

        Assert.AreEqual(DiameterRequestOutcomeKind.PeerFailed, outcome.Kind);
        Assert.AreEqual(ServerHost, outcome.Peer);
    }

    [TestMethod]
    public async Task ClientReconnectsWhenTheServerComesBack()
    {
        await using var pair = await NodePair.StartAsync();
        var port = pair.Server.LocalEndPoint!.Port;
        await pair.Server.StopAsync();
        Assert.IsTrue(await TestNodes.Eventually(() => pair.Client.OpenPeers.Count == 0));

        await using var restarted = new DiameterNode(TestNodes.Options(ServerHost, new IPEndPoint(IPAddress.Loopback, port)), TestNodes.SuccessHandler(ServerHost));
        await restarted.StartAsync();

        Assert.IsTrue(await pair.Client.WaitForPeerAsync(ServerHost, TestNodes.Patience));
        var outcome = await pair.Client.SendRequestAsync(TestNodes.Request(DiameterCommands.MultimediaAuth));
        Assert.AreEqual(DiameterRequestOutcomeKind.Answered, outcome.Kind, outcome.Detail);
    }

    [TestMethod]
    public async Task WatchdogFailoverClosesAPeerThatStopsAnswering()
    {
        // RFC 3539 3.4: a peer that completes CER/CEA and then never answers a DWR.
        await using var silent = await SilentPeer.StartAsync(ServerHost);
        var options = TestNodes.Options(ClientHost, null, new DiameterPeerEndpoint(ServerHost, "127.0.0.1", silent.Port)) with
        {
            WatchdogInterval = TimeSpan.FromMilliseconds(150),
            ReconnectInterval = TimeSpan.FromSeconds(30),
        };
        await using var client = new DiameterNode(options, TestNodes.SuccessHandler(ClientHost));
        await client.StartAsync();

        Assert.IsTrue(await client.WaitForPeerAsync(ServerHost, TestNodes.Patience));
        Assert.IsTrue(await TestNodes.Eventually(() => client.Saw(ServerHost, DiameterPeerEventKind.WatchdogExpired)));
        Assert.IsTrue(await TestNodes.Eventually(() => client.OpenPeers.Count == 0));
    }

    [TestMethod]
    public async Task SimultaneousConnectsElectOneConnection()
    {
        var portA = TestNodes.FreePort();
        var portB = TestNodes.FreePort();
        const string a = "a.ims.test";
        const string b = "b.ims.test";
        await using var nodeA = new DiameterNode(TestNodes.Options(a, new IPEndPoint(IPAddress.Loopback, portA), new DiameterPeerEndpoint(b, "127.0.0.1", portB)), TestNodes.SuccessHandler(a));
        await using var nodeB = new DiameterNode(TestNodes.Options(b, new IPEndPoint(IPAddress.Loopback, portB), new DiameterPeerEndpoint(a, "127.0.0.1", portA)), TestNodes.SuccessHandler(b));
        await Task.WhenAll(nodeA.StartAsync(), nodeB.StartAsync());

        Assert.IsTrue(await nodeA.WaitForPeerAsync(b, TestNodes.Patience));
        Assert.IsTrue(await nodeB.WaitForPeerAsync(a, TestNodes.Patience));
        var fromA = await nodeA.SendRequestAsync(TestNodes.Request(DiameterCommands.CreditControlRo, b));
        var fromB = await nodeB.SendRequestAsync(TestNodes.Request(DiameterCommands.CreditControlRo, a));

        Assert.AreEqual(DiameterRequestOutcomeKind.Answered, fromA.Kind, fromA.Detail);
        Assert.AreEqual(DiameterRequestOutcomeKind.Answered, fromB.Kind, fromB.Detail);
        Assert.HasCount(1, nodeA.OpenPeers);
        Assert.HasCount(1, nodeB.OpenPeers);
    }

    [TestMethod]
    public async Task DestinationHostPicksThatPeerAmongSeveralOfTheRealm()
    {
        await using var first = new DiameterNode(TestNodes.Options("hss1.ims.test", TestNodes.AnyLoopback), TestNodes.SuccessHandler("hss1.ims.test"));
        await using var second = new DiameterNode(TestNodes.Options("hss2.ims.test", TestNodes.AnyLoopback), TestNodes.SuccessHandler("hss2.ims.test"));
        await first.StartAsync();
        await second.StartAsync();
        await using var client = new DiameterNode(
            TestNodes.Options(ClientHost, null,
                new DiameterPeerEndpoint("hss1.ims.test", "127.0.0.1", first.LocalEndPoint!.Port),
                new DiameterPeerEndpoint("hss2.ims.test", "127.0.0.1", second.LocalEndPoint!.Port)),
            TestNodes.SuccessHandler(ClientHost));
        await client.StartAsync();
        Assert.IsTrue(await client.WaitForPeerAsync("hss1.ims.test", TestNodes.Patience));
        Assert.IsTrue(await client.WaitForPeerAsync("hss2.ims.test", TestNodes.Patience));

        for (var i = 0; i < 4; i++)
        {
            var outcome = await client.SendRequestAsync(TestNodes.Request(DiameterCommands.PushProfile, "hss2.ims.test"));
            Assert.AreEqual("hss2.ims.test", outcome.Answer?.OriginHost, outcome.Detail);
        }
    }

    private sealed class NodePair : IAsyncDisposable
    {
        private NodePair(DiameterNode server, DiameterNode client)
        {
            Server = server;
            Client = client;
        }

        public DiameterNode Server { get; }

        public DiameterNode Client { get; }

        public static async Task<NodePair> StartAsync(DiameterRequestHandler? handler = null, DiameterNodeOptions? serverOptions = null, TimeSpan? watchdog = null)
        {
            var server = new DiameterNode(serverOptions ?? TestNodes.Options(ServerHost, TestNodes.AnyLoopback), handler ?? TestNodes.SuccessHandler(ServerHost));
            await server.StartAsync();
            var clientOptions = TestNodes.Options(ClientHost, null, new DiameterPeerEndpoint(ServerHost, "127.0.0.1", server.LocalEndPoint!.Port));
            if (watchdog is { } tw)
            {
                clientOptions = clientOptions with { WatchdogInterval = tw };
            }

            var client = new DiameterNode(clientOptions, TestNodes.SuccessHandler(ClientHost));
            await client.StartAsync();
            Assert.IsTrue(await client.WaitForPeerAsync(ServerHost, TestNodes.Patience), "client never opened the connection");
            return new NodePair(server, client);
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}
