using System.Net;
using Ims.Bus;
using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Peers.Requests;
using Ims.Diameter.Values;
using Ims.Edge.Core;
using Ims.Edge.Diameter;
using Ims.Edge.Hosting;
using Ims.EventLog;
using Ims.Events;
using Ims.Functions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ims.Edge.Tests.Diameter;

/// <summary>
/// A Diameter request from a real client peer on loopback goes through the edge, the in-process bus,
/// the function host and back as the answer the function decided; the edge answers 5012 itself when
/// no decision comes in time.
/// </summary>
[TestClass]
public sealed class DiameterServerEdgeTests
{
    private const string HssHost = "hss.ims.test";
    private const string Realm = "ims.test";

    public TestContext TestContext { get; set; } = null!;

    /// <summary>Answers a UAR with DIAMETER_SUCCESS and the request's User-Name echoed back in the decision.</summary>
    private sealed class AnsweringHss : IImsFunction
    {
        public string Name => "test.hss";

        public bool Accepts(BusEnvelope envelope) => envelope.Message is DiameterRequestReceived { Role: ImsRole.Hss };

        public ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
        {
            var received = (DiameterRequestReceived)envelope.Message;
            var request = DiameterDecoder.Decode(received.Message).Message!;
            var answer = DiameterMessageBuilder.Answer(request)
                .AddResultCode(DiameterResultCode.Success)
                .Add(Avps.OriginHost, HssHost)
                .Add(Avps.OriginRealm, Realm)
                .Add(Avps.UserName, request.GetString(Avps.UserName)!)
                .Build();
            return ValueTask.FromResult(FunctionOutcome.Of(
                $"answered {request.GetString(Avps.UserName)}",
                new OutgoingCommand(new SendDiameterAnswer(received.PeerId, DiameterEncoder.Encode(answer)))));
        }
    }

    private static DiameterNodeOptions Options(string host, IPEndPoint? listen, params DiameterPeerEndpoint[] peers) => new()
    {
        OriginHost = host,
        OriginRealm = Realm,
        VendorSpecificApplicationIds = [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Cx.Value)],
        ListenOn = listen,
        Peers = peers,
        ReconnectInterval = TimeSpan.FromMilliseconds(200),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    private static Ims.Diameter.Messages.DiameterMessage Uar(string impi) =>
        DiameterMessageBuilder.Request(DiameterCommands.UserAuthorization, 0, 0)
            .Add(Avps.SessionId, $"icscf.ims.test;uar;{impi}")
            .Add(Avps.VendorSpecificApplicationId, g => g.Add(Avps.VendorId, DiameterVendorId.ThirdGeneration).Add(Avps.AuthApplicationId, DiameterApplicationId.Cx.Value))
            .Add(Avps.AuthSessionState, 1u)
            .Add(Avps.OriginHost, "icscf.ims.test")
            .Add(Avps.OriginRealm, Realm)
            .Add(Avps.DestinationRealm, Realm)
            .Add(Avps.UserName, impi)
            .Add(Avps.PublicIdentity, $"sip:{impi}")
            .Add(Avps.VisitedNetworkIdentifier, Realm)
            .Build();

    private async Task<(DiameterNode Client, Func<ValueTask> Stop, string LogFolder)> StartEdge(IImsFunction[] functions, TimeSpan deadline)
    {
        var time = TimeProvider.System;
        var ids = new RandomEnvelopeIds();
        var bus = new InProcessBus();
        var stamp = new EnvelopeStamp("edge-test", time, ids);
        var pending = new SuspendedWork<byte[]>(time);
        var folder = Path.Combine(Path.GetTempPath(), "ims-edge-" + Guid.NewGuid().ToString("N"));
        var log = new EventLogWriter(new EventLogOptions(folder));
        var host = new EmbeddedFunctionHost(new FunctionDispatcher(functions, time, ids), bus, log, NullLogger.Instance);
        var timers = new EdgeTimers(bus, stamp, time);
        var executor = new CommandExecutor(bus, stamp, pending, timers, null, NullLogger.Instance);
        bus.SubscribeEvents(host.ConsumeAsync);
        bus.SubscribeCommands("edge-test", executor.ExecuteAsync);
        var edge = new DiameterServerEdge(bus, stamp, pending, deadline, HssHost, Realm);
        var hss = new DiameterNode(Options(HssHost, new IPEndPoint(IPAddress.Loopback, 0)), edge.HandlerFor(ImsRole.Hss), time);
        await hss.StartAsync();
        var client = new DiameterNode(Options("icscf.ims.test", null, new DiameterPeerEndpoint(HssHost, "127.0.0.1", hss.LocalEndPoint!.Port)), (r, _, _) => throw new InvalidOperationException("client takes no requests"), time);
        await client.StartAsync();
        Assert.IsTrue(await client.WaitForPeerAsync(HssHost, TimeSpan.FromSeconds(10)), "CER/CEA with the HSS edge");
        return (client, async () =>
        {
            await client.DisposeAsync();
            await hss.DisposeAsync();
            timers.Dispose();
            await bus.DisposeAsync();
            await log.DisposeAsync();
        }, folder);
    }

    [TestMethod]
    public async Task ARequestIsAnsweredWithWhatTheFunctionDecidedAndEverythingIsRecorded()
    {
        var (client, stop, folder) = await StartEdge([new AnsweringHss()], TimeSpan.FromSeconds(5));
        try
        {
            var outcome = await client.SendRequestAsync(Uar("alice@ims.test"), cancellationToken: TestContext.CancellationToken);

            Assert.AreEqual(DiameterRequestOutcomeKind.Answered, outcome.Kind, outcome.Detail);
            Assert.AreEqual(DiameterResultCode.Success.Value, outcome.Answer!.GetUnsigned32(Avps.ResultCode));
            Assert.AreEqual("alice@ims.test", outcome.Answer.GetString(Avps.UserName));
            Assert.AreEqual(HssHost, outcome.Answer.OriginHost);
        }
        finally
        {
            await stop();
        }

        var records = EventLogReader.Read(folder).Select(i => i.Record!).ToList();
        Directory.Delete(folder, recursive: true);
        Assert.HasCount(3, records);
        Assert.AreEqual("diameter.request.received", records[0].Envelope!.Type);
        Assert.AreEqual("alice@ims.test", records[0].Envelope!.PartitionKey);
        Assert.AreEqual("answered alice@ims.test", records[1].Decision!.Decision);
        Assert.AreEqual("diameter.answer.send", records[2].Envelope!.Type);
        Assert.AreEqual(records[0].Envelope!.Correlation, records[2].Envelope!.Correlation);
    }

    [TestMethod]
    public async Task WithoutADecisionTheEdgeAnswersUnableToComplyAtItsDeadline()
    {
        var (client, stop, folder) = await StartEdge([], TimeSpan.FromMilliseconds(300));
        try
        {
            var outcome = await client.SendRequestAsync(Uar("bob@ims.test"), cancellationToken: TestContext.CancellationToken);

            Assert.AreEqual(DiameterRequestOutcomeKind.Answered, outcome.Kind, outcome.Detail);
            Assert.AreEqual(DiameterResultCode.UnableToComply.Value, outcome.Answer!.GetUnsigned32(Avps.ResultCode));
            Assert.AreEqual(HssHost, outcome.Answer.OriginHost);
        }
        finally
        {
            await stop();
            Directory.Delete(folder, recursive: true);
        }
    }
}
