using Ims.Events;
using Microsoft.Extensions.Time.Testing;

namespace Ims.Functions.Tests;

[TestClass]
public sealed class FunctionDispatcherTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    private sealed class SequentialIds : IEnvelopeIds
    {
        private int _next;

        public string Next() => $"cmd-{Interlocked.Increment(ref _next)}";
    }

    /// <summary>Answers every Diameter request for the HSS role with a fixed answer, counting its calls.</summary>
    private sealed class EchoHss : IImsFunction
    {
        public int Calls;

        public string Name => "hss.cx";

        public bool Accepts(BusEnvelope envelope) => envelope.Message is DiameterRequestReceived { Role: ImsRole.Hss };

        public ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            var request = (DiameterRequestReceived)envelope.Message;
            return ValueTask.FromResult(FunctionOutcome.Of(
                "answered",
                new OutgoingCommand(new SendDiameterAnswer(request.PeerId, [.. request.Message, 0xFF])),
                new OutgoingCommand(new ScheduleTimer("t1", Start.AddMinutes(1), "p"), new Continuation("hss.cx", "later", "{}"))));
        }
    }

    private static BusEnvelope HssRequest(string id) =>
        new(id, Start, "edge-7", "alice@ims.example", "hbh-1", new DiameterRequestReceived(ImsRole.Hss, "scscf.ims.example", [1, 2]));

    [TestMethod]
    public async Task CommandsAreAddressedBackToTheSendingEdgeWithFreshIdsAndTheHostsTime()
    {
        var time = new FakeTimeProvider(Start.AddSeconds(5));
        var dispatcher = new FunctionDispatcher([new EchoHss()], time, new SequentialIds());

        var result = await dispatcher.DispatchAsync(HssRequest("evt-1"), CancellationToken.None);

        Assert.AreEqual("hss.cx", result.Function);
        Assert.AreEqual("answered", result.Decision);
        Assert.IsFalse(result.Redelivery);
        Assert.HasCount(2, result.Commands);
        var answer = result.Commands[0];
        Assert.AreEqual("cmd-1", answer.Id);
        Assert.AreEqual(Start.AddSeconds(5), answer.Time);
        Assert.AreEqual("edge-7", answer.EdgeId);
        Assert.AreEqual("alice@ims.example", answer.PartitionKey);
        Assert.AreEqual("hbh-1", answer.Correlation);
        CollectionAssert.AreEqual(new byte[] { 1, 2, 0xFF }, ((SendDiameterAnswer)answer.Message).Message);
        Assert.IsNull(answer.Continuation);
        Assert.AreEqual(new Continuation("hss.cx", "later", "{}"), result.Commands[1].Continuation);
        Assert.AreEqual("cmd-2", result.Commands[1].Id);
    }

    [TestMethod]
    public async Task ARedeliveredEventGetsItsFirstOutcomeWithoutRunningTheFunctionAgain()
    {
        var hss = new EchoHss();
        var dispatcher = new FunctionDispatcher([hss], new FakeTimeProvider(Start), new SequentialIds());

        var first = await dispatcher.DispatchAsync(HssRequest("evt-1"), CancellationToken.None);
        var again = await dispatcher.DispatchAsync(HssRequest("evt-1"), CancellationToken.None);
        var other = await dispatcher.DispatchAsync(HssRequest("evt-2"), CancellationToken.None);

        Assert.AreEqual(2, hss.Calls);
        Assert.IsTrue(again.Redelivery);
        CollectionAssert.AreEqual(first.Commands.Select(c => c.Id).ToArray(), again.Commands.Select(c => c.Id).ToArray());
        Assert.AreEqual("cmd-3", other.Commands[0].Id);
    }

    [TestMethod]
    public async Task TheMemoryOfSeenEventsIsBounded()
    {
        var hss = new EchoHss();
        var dispatcher = new FunctionDispatcher([hss], new FakeTimeProvider(Start), new SequentialIds(), rememberedEvents: 2);

        foreach (var id in new[] { "a", "b", "c", "a" })
        {
            await dispatcher.DispatchAsync(HssRequest(id), CancellationToken.None);
        }

        // "a" was forgotten when "c" arrived, so its redelivery ran the function again.
        Assert.AreEqual(4, hss.Calls);
    }

    [TestMethod]
    public async Task AnEventNoFunctionAcceptsYieldsNoCommandsAndSaysSo()
    {
        var dispatcher = new FunctionDispatcher([new EchoHss()], new FakeTimeProvider(Start), new SequentialIds());
        var pcrfRequest = HssRequest("evt-1") with { Message = new DiameterRequestReceived(ImsRole.Pcrf, "pcscf", [1]) };

        var result = await dispatcher.DispatchAsync(pcrfRequest, CancellationToken.None);

        Assert.AreEqual("none", result.Function);
        Assert.IsEmpty(result.Commands);
        Assert.AreEqual("no function accepts diameter.request.received", result.Decision);
    }
}
