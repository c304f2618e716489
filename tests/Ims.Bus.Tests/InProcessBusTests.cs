using System.Collections.Concurrent;
using Ims.Events;

namespace Ims.Bus.Tests;

[TestClass]
public sealed class InProcessBusTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    private static BusEnvelope Event(string id, string key) =>
        new(id, At, "edge-a", key, key, new TimerFired(id, key));

    private static BusEnvelope Command(string id, string edge) =>
        new(id, At, edge, id, id, new CancelTimer(id));

    [TestMethod]
    public async Task EnvelopesWithOneKeyAreConsumedInPublishOrder()
    {
        var seen = new ConcurrentDictionary<string, ConcurrentQueue<int>>();
        await using (var bus = new InProcessBus(partitions: 4))
        {
            bus.SubscribeEvents(async (e, _) =>
            {
                // Yield so that a bus which ran one key's envelopes concurrently would reorder them.
                await Task.Yield();
                seen.GetOrAdd(e.PartitionKey, _ => new()).Enqueue(int.Parse(e.Id.Split('#')[1], System.Globalization.CultureInfo.InvariantCulture));
            });

            var keys = Enumerable.Range(0, 16).Select(k => $"impi{k}@ims.example").ToArray();
            await Parallel.ForEachAsync(keys, async (key, ct) =>
            {
                for (var i = 0; i < 200; i++)
                {
                    await bus.PublishAsync(Event($"{key}#{i}", key), ct);
                }
            });
        }

        Assert.HasCount(16, seen);
        foreach (var (key, order) in seen)
        {
            CollectionAssert.AreEqual(Enumerable.Range(0, 200).ToArray(), order.ToArray(), key);
        }
    }

    [TestMethod]
    public async Task CommandsReachOnlyTheEdgeNamedInTheEnvelope()
    {
        var a = new ConcurrentBag<string>();
        var b = new ConcurrentBag<string>();
        var lost = new ConcurrentBag<string>();
        await using (var bus = new InProcessBus(undeliverable: (e, _) => lost.Add(e.Id)))
        {
            bus.SubscribeCommands("edge-a", (e, _) => { a.Add(e.Id); return ValueTask.CompletedTask; });
            bus.SubscribeCommands("edge-b", (e, _) => { b.Add(e.Id); return ValueTask.CompletedTask; });

            await bus.PublishAsync(Command("c1", "edge-a"), CancellationToken.None);
            await bus.PublishAsync(Command("c2", "edge-b"), CancellationToken.None);
            await bus.PublishAsync(Command("c3", "edge-a"), CancellationToken.None);
            await bus.PublishAsync(Command("c4", "edge-gone"), CancellationToken.None);
        }

        CollectionAssert.AreEquivalent(new[] { "c1", "c3" }, a.ToArray());
        CollectionAssert.AreEquivalent(new[] { "c2" }, b.ToArray());
        CollectionAssert.AreEquivalent(new[] { "c4" }, lost.ToArray());
    }

    [TestMethod]
    public async Task AFailingConsumerGetsTheEnvelopeAgainThenItIsReported()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        var undeliverable = new ConcurrentBag<(string Id, string Error)>();
        await using (var bus = new InProcessBus(undeliverable: (e, ex) => undeliverable.Add((e.Id, ex.Message))))
        {
            bus.SubscribeEvents((e, _) =>
            {
                var n = attempts.AddOrUpdate(e.Id, 1, (_, v) => v + 1);
                // "flaky" fails once then succeeds; "broken" always fails.
                return e.Id == "broken" || (e.Id == "flaky" && n == 1)
                    ? throw new InvalidOperationException($"{e.Id} attempt {n}")
                    : ValueTask.CompletedTask;
            });

            await bus.PublishAsync(Event("flaky", "k"), CancellationToken.None);
            await bus.PublishAsync(Event("broken", "k"), CancellationToken.None);
            await bus.PublishAsync(Event("after", "k"), CancellationToken.None);
        }

        Assert.AreEqual(2, attempts["flaky"]);
        Assert.AreEqual(InProcessBus.MaxAttempts, attempts["broken"]);
        Assert.AreEqual(1, attempts["after"]);
        Assert.AreEqual(("broken", "broken attempt 3"), undeliverable.Single());
    }

    [TestMethod]
    public async Task AnEventWithNoConsumerIsReportedNotDropped()
    {
        var lost = new ConcurrentBag<string>();
        await using var bus = new InProcessBus(undeliverable: (e, ex) => lost.Add($"{e.Id}: {ex.Message}"));

        await bus.PublishAsync(Event("e1", "k"), CancellationToken.None);

        Assert.AreEqual("e1: no event consumer on this bus", lost.Single());
    }

    [TestMethod]
    public async Task ASecondEventConsumerIsRefused()
    {
        await using var bus = new InProcessBus();
        bus.SubscribeEvents((_, _) => ValueTask.CompletedTask);

        Assert.ThrowsExactly<InvalidOperationException>(() => bus.SubscribeEvents((_, _) => ValueTask.CompletedTask));
    }
}
