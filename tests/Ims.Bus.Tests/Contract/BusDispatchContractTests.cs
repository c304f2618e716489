using System.Collections.Concurrent;
using System.Text;
using Ims.Events;
using Ims.Functions;
using Microsoft.Extensions.Time.Testing;

namespace Ims.Bus.Tests.Contract;

/// <summary>
/// The bus and the function dispatcher together, as every host wires them: an event consumer that
/// dispatches to the functions and publishes their commands back on the same bus. Each bus runs it
/// through a subclass, like <see cref="BusContractTests"/>.
/// </summary>
public abstract class BusDispatchContractTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    protected abstract IBusUnderTest Create(BusReports reports);

    private static BusEnvelope Request(string id, string edgeId, string key) =>
        new(id, At, edgeId, key, $"{key};{id}", new DiameterRequestReceived(ImsRole.Hss, $"scscf.{edgeId}.ims.example", Encoding.UTF8.GetBytes(id)));

    [TestMethod]
    public async Task ARedeliveredEventIsAnsweredFromMemoryAndNotAppliedTwice()
    {
        var reports = new BusReports();
        var function = new CountingFunction();
        var dispatcher = new FunctionDispatcher([function], new FakeTimeProvider(At), new SequentialIds());
        var results = new ConcurrentQueue<(string EventId, DispatchResult Result)>();
        var failedOnce = 0;
        await using (var bus = Create(reports))
        {
            bus.SubscribeEvents(async (e, ct) =>
            {
                var result = await dispatcher.DispatchAsync(e, ct);
                results.Enqueue((e.Id, result));

                // The function ran, then the consumer failed before acknowledging (a lost
                // checkpoint, a crashed instance): the bus must deliver the event again.
                if (e.Id == "evt-1" && Interlocked.Exchange(ref failedOnce, 1) == 0)
                {
                    throw new IOException("acknowledgement lost");
                }
            });

            await bus.Bus.PublishAsync(Request("evt-1", "edge-a", "alice@ims.example"), CancellationToken.None);
            await bus.Bus.PublishAsync(Request("evt-2", "edge-a", "alice@ims.example"), CancellationToken.None);
            await bus.DrainAsync();
        }

        Assert.AreEqual(1, function.Applied["evt-1"], "the redelivery must not run the function again");
        Assert.AreEqual(1, function.Applied["evt-2"]);
        var first = results.Where(r => r.EventId == "evt-1").Select(r => r.Result).ToList();
        Assert.HasCount(2, first);
        Assert.IsFalse(first[0].Redelivery);
        Assert.IsTrue(first[1].Redelivery);
        Assert.AreEqual(first[0].Decision, first[1].Decision);
        CollectionAssert.AreEqual(first[0].Commands.Select(c => c.Id).ToList(), first[1].Commands.Select(c => c.Id).ToList(),
            "a redelivery yields the same command envelopes (same ids), so the edge can drop duplicates");
        Assert.IsEmpty(reports.Undeliverable);
    }

    [TestMethod]
    public async Task CommandsAFunctionDecidesGoBackToTheEdgeThatSentTheEvent()
    {
        var reports = new BusReports();
        var dispatcher = new FunctionDispatcher([new CountingFunction()], new FakeTimeProvider(At), new SequentialIds());
        var received = new ConcurrentDictionary<string, ConcurrentQueue<BusEnvelope>>(StringComparer.Ordinal);
        await using (var bus = Create(reports))
        {
            bus.SubscribeEvents(async (e, ct) =>
            {
                var result = await dispatcher.DispatchAsync(e, ct);
                foreach (var command in result.Commands)
                {
                    await bus.Bus.PublishAsync(command, ct);
                }
            });
            foreach (var edge in new[] { "edge-a", "edge-b", "edge-c" })
            {
                bus.SubscribeCommands(edge, (c, _) =>
                {
                    received.GetOrAdd(edge, _ => new()).Enqueue(c);
                    return ValueTask.CompletedTask;
                });
            }

            // Two edges share one subscriber's key: routing follows the edge, not the key.
            for (var i = 0; i < 10; i++)
            {
                await bus.Bus.PublishAsync(Request($"a{i}", "edge-a", "alice@ims.example"), CancellationToken.None);
                await bus.Bus.PublishAsync(Request($"b{i}", "edge-b", i % 2 == 0 ? "alice@ims.example" : "bob@ims.example"), CancellationToken.None);
            }

            await bus.DrainAsync();
        }

        Assert.IsFalse(received.ContainsKey("edge-c"), "an edge that sent nothing receives nothing");
        foreach (var (edge, prefix) in new[] { ("edge-a", "a"), ("edge-b", "b") })
        {
            var commands = received[edge].ToList();
            Assert.HasCount(10, commands, edge);
            Assert.IsTrue(commands.All(c => c.EdgeId == edge && c.Message is SendDiameterAnswer));

            // The answer carries the request's bytes: each edge got exactly its own requests' answers.
            var answered = commands.Select(c => Encoding.UTF8.GetString(((SendDiameterAnswer)c.Message).Message)).Order(StringComparer.Ordinal).ToList();
            CollectionAssert.AreEqual(Enumerable.Range(0, 10).Select(i => $"{prefix}{i}").Order(StringComparer.Ordinal).ToList(), answered, edge);
        }

        Assert.IsEmpty(reports.Undeliverable);
    }
}
