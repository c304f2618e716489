using System.Collections.Concurrent;
using System.Net;
using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Peers.Requests;
using Ims.Diameter.Values;
using Ims.Edge.Diameter;

namespace Ims.Edge.Tests.Diameter;

/// <summary>
/// Requests a server role originates (the PCRF's ASR, TS 29.214 4.4.4) leave through that server's
/// own node and reach the AF over the connection the AF opened to it; requests of an unknown origin
/// get NoRoute as a value.
/// </summary>
[TestClass]
public sealed class DiameterOriginRouterTests
{
    private const string Realm = "ims.test";
    private const string Pcrf = "pcrf.ims.test";
    private const string Af = "pcscf.ims.test";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task AnAsrWithThePcrfsOriginGoesToTheAfOverTheConnectionTheAfOpened()
    {
        var received = new ConcurrentQueue<DiameterMessage>();
        await using var pcrf = new DiameterNode(Options(Pcrf, new IPEndPoint(IPAddress.Loopback, 0)), Refuse(Pcrf));
        await pcrf.StartAsync();
        // The AF listens nowhere: the PCRF can only reach it over the AF's own connection.
        await using var af = new DiameterNode(
            Options(Af, null, new DiameterPeerEndpoint(Pcrf, "127.0.0.1", pcrf.LocalEndPoint!.Port)),
            (request, _, _) =>
            {
                received.Enqueue(request);
                return ValueTask.FromResult(DiameterMessageBuilder.Answer(request).AddResultCode(DiameterResultCode.Success).Add(Avps.OriginHost, Af).Add(Avps.OriginRealm, Realm).Build());
            });
        await af.StartAsync();
        Assert.IsTrue(await pcrf.WaitForPeerAsync(Af, TimeSpan.FromSeconds(10)), "the AF connected in");
        var router = new DiameterOriginRouter();
        router.Add(Pcrf, pcrf);

        var outcome = await router.SendAsync(Asr(Pcrf), TestContext.CancellationToken);

        Assert.IsTrue(outcome.IsAnswered, outcome.Detail);
        Assert.AreEqual(DiameterResultCode.Success.Value, outcome.Answer!.GetUnsigned32(Avps.ResultCode));
        Assert.AreEqual(Af, outcome.Answer.OriginHost);
        Assert.IsTrue(received.TryDequeue(out var asr));
        Assert.AreEqual(274u, asr.CommandCode);
        Assert.AreEqual("pcrf.ims.test;asr;1", asr.SessionId);
        Assert.AreEqual(2u, asr.GetUnsigned32(Avps.AbortCause));
    }

    [TestMethod]
    public async Task ARequestOfNoKnownOriginHasNoRoute()
    {
        var router = new DiameterOriginRouter();

        var outcome = await router.SendAsync(Asr("stranger.ims.test"), TestContext.CancellationToken);

        Assert.AreEqual(DiameterRequestOutcomeKind.NoRoute, outcome.Kind);
        Assert.Contains("stranger.ims.test", outcome.Detail);
    }

    private static DiameterMessage Asr(string origin) =>
        DiameterMessageBuilder.Request(DiameterCommands.AbortSessionRx, 0, 0)
            .Add(Avps.SessionId, "pcrf.ims.test;asr;1")
            .Add(Avps.OriginHost, origin)
            .Add(Avps.OriginRealm, Realm)
            .Add(Avps.DestinationRealm, Realm)
            .Add(Avps.DestinationHost, Af)
            .Add(Avps.AuthApplicationId, DiameterApplicationId.Rx.Value)
            .Add(Avps.AbortCause, 2u)
            .Build();

    private static DiameterRequestHandler Refuse(string host) => (request, _, _) =>
        ValueTask.FromResult(DiameterMessageBuilder.Answer(request).AddResultCode(DiameterResultCode.UnableToComply).Add(Avps.OriginHost, host).Add(Avps.OriginRealm, Realm).Build());

    private static DiameterNodeOptions Options(string host, IPEndPoint? listen, params DiameterPeerEndpoint[] peers) => new()
    {
        OriginHost = host,
        OriginRealm = Realm,
        VendorSpecificApplicationIds = [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Rx.Value)],
        ListenOn = listen,
        Peers = peers,
        ReconnectInterval = TimeSpan.FromMilliseconds(200),
        HandshakeTimeout = TimeSpan.FromSeconds(3),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };
}
