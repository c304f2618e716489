using System.Collections.Concurrent;
using System.Net;
using Ims.Bus;
using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Values;
using Ims.Edge.Core;
using Ims.Edge.Hosting;
using Ims.Events;
using Ims.Functions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ims.Edge.Tests.Diameter;

/// <summary>
/// DESIGN's suspend/resume for functions that need a Diameter answer: the function returns "send this
/// request, and hand me back this continuation"; the edge sends it over a real Diameter connection and
/// publishes the answer with the continuation untouched; the function resumes from it alone.
/// </summary>
[TestClass]
public sealed class DiameterContinuationTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>Starts on a timer event by sending a UAR; finishes when the answer comes back with its continuation.</summary>
    private sealed class AskingFunction : IImsFunction
    {
        public ConcurrentQueue<(Continuation? Continuation, uint? Result, DiameterDeliveryFailure? Failure)> Resumed { get; } = new();

        public string Name => "test.asking";

        public bool Accepts(BusEnvelope envelope) => envelope.Message is TimerFired or DiameterAnswerReceived;

        public ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
        {
            if (envelope.Message is TimerFired)
            {
                var uar = DiameterMessageBuilder.Request(DiameterCommands.UserAuthorization, 0, 0)
                    .Add(Avps.SessionId, "icscf.ims.test;1")
                    .Add(Avps.VendorSpecificApplicationId, g => g.Add(Avps.VendorId, DiameterVendorId.ThirdGeneration).Add(Avps.AuthApplicationId, DiameterApplicationId.Cx.Value))
                    .Add(Avps.AuthSessionState, 1u)
                    .Add(Avps.OriginHost, "icscf.ims.test").Add(Avps.OriginRealm, "ims.test")
                    .Add(Avps.DestinationRealm, "ims.test")
                    .Add(Avps.UserName, "alice@ims.test").Add(Avps.PublicIdentity, "sip:alice@ims.test")
                    .Add(Avps.VisitedNetworkIdentifier, "ims.test")
                    .Build();
                return ValueTask.FromResult(FunctionOutcome.Of("asked the HSS",
                    new OutgoingCommand(new SendDiameterRequest(DiameterEncoder.Encode(uar)), new Continuation(Name, "uaa", "{\"branch\":\"z9hG4bK-1\"}"))));
            }

            var answer = (DiameterAnswerReceived)envelope.Message;
            var result = answer.Message is { } bytes ? DiameterDecoder.Decode(bytes).Message?.GetUnsigned32(Avps.ResultCode) : null;
            Resumed.Enqueue((envelope.Continuation, result, answer.Failure));
            return ValueTask.FromResult(FunctionOutcome.Of("resumed"));
        }
    }

    private static DiameterNodeOptions Options(string host, IPEndPoint? listen, params DiameterPeerEndpoint[] peers) => new()
    {
        OriginHost = host,
        OriginRealm = "ims.test",
        VendorSpecificApplicationIds = [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Cx.Value)],
        ListenOn = listen,
        Peers = peers,
        ReconnectInterval = TimeSpan.FromMilliseconds(200),
        RequestTimeout = TimeSpan.FromSeconds(2),
    };

    private async Task<ConcurrentQueue<(Continuation? Continuation, uint? Result, DiameterDeliveryFailure? Failure)>> Run(bool hssAnswers)
    {
        var time = TimeProvider.System;
        var ids = new RandomEnvelopeIds();
        await using var hss = new DiameterNode(
            Options("hss.ims.test", new IPEndPoint(IPAddress.Loopback, 0)),
            async (request, _, ct) =>
            {
                if (!hssAnswers)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), ct);
                }

                return DiameterMessageBuilder.Answer(request).AddResultCode(DiameterResultCode.Success)
                    .Add(Avps.OriginHost, "hss.ims.test").Add(Avps.OriginRealm, "ims.test").Build();
            },
            time);
        await hss.StartAsync();
        await using var cscf = new DiameterNode(Options("icscf.ims.test", null, new DiameterPeerEndpoint("hss.ims.test", "127.0.0.1", hss.LocalEndPoint!.Port)), (_, _, _) => throw new InvalidOperationException(), time);
        await cscf.StartAsync();
        Assert.IsTrue(await cscf.WaitForPeerAsync("hss.ims.test", TimeSpan.FromSeconds(10)));

        var function = new AskingFunction();
        var bus = new InProcessBus();
        var stamp = new EnvelopeStamp("edge-test", time, ids);
        var timers = new EdgeTimers(bus, stamp, time);
        var executor = new CommandExecutor(bus, stamp, new SuspendedWork<byte[]>(time), timers, (m, ct) => cscf.SendRequestAsync(m, null, ct), NullLogger.Instance);
        var host = new EmbeddedFunctionHost(new FunctionDispatcher([function], time, ids), bus, null, NullLogger.Instance);
        bus.SubscribeEvents(host.ConsumeAsync);
        bus.SubscribeCommands("edge-test", executor.ExecuteAsync);

        await bus.PublishAsync(stamp.Envelope("alice@ims.test", "reg-1", new TimerFired("start", "{}")), TestContext.CancellationToken);
        for (var i = 0; i < 200 && function.Resumed.IsEmpty; i++)
        {
            await Task.Delay(25, TestContext.CancellationToken);
        }

        timers.Dispose();
        await bus.DisposeAsync();
        return function.Resumed;
    }

    [TestMethod]
    public async Task TheAnswerComesBackWithTheContinuationUntouched()
    {
        var resumed = (await Run(hssAnswers: true)).Single();

        Assert.AreEqual(new Continuation("test.asking", "uaa", "{\"branch\":\"z9hG4bK-1\"}"), resumed.Continuation);
        Assert.AreEqual(DiameterResultCode.Success.Value, resumed.Result);
        Assert.IsNull(resumed.Failure);
    }

    [TestMethod]
    public async Task AnUnansweredRequestResumesTheFunctionWithATimeoutNotAHang()
    {
        var resumed = (await Run(hssAnswers: false)).Single();

        Assert.AreEqual("uaa", resumed.Continuation!.Step);
        Assert.AreEqual(DiameterDeliveryFailure.Timeout, resumed.Failure);
        Assert.IsNull(resumed.Result);
    }
}
