using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Ims.Events;

namespace Ims.Bus.Tests.Contract;

/// <summary>
/// The behaviour every bus promises (DESIGN: at least once, ordered per partition key, commands back to
/// the edge that owns the transaction, bad bytes reported not thrown). Each implementation runs it
/// through a subclass that says how to build it.
/// </summary>
public abstract class BusContractTests
{
    protected static readonly DateTimeOffset At = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Builds a fresh bus whose reports go to <paramref name="reports"/>.</summary>
    protected abstract IBusUnderTest Create(BusReports reports);

    protected static BusEnvelope Event(string id, string key) =>
        new(id, At, "edge-a", key, key, new DiameterRequestReceived(ImsRole.Hss, "scscf.ims.example", Encoding.UTF8.GetBytes(id)));

    protected static BusEnvelope Command(string id, string edgeId, string callId) =>
        new(id, At, edgeId, callId, callId, new SendSipResponse($"z9hG4bK-{id}", Encoding.UTF8.GetBytes($"SIP/2.0 200 OK {id}")));

    [TestMethod]
    public async Task EnvelopesWithOneKeyAreConsumedInPublishOrder()
    {
        var reports = new BusReports();
        var seen = new ConcurrentDictionary<string, ConcurrentQueue<int>>();
        var keys = Enumerable.Range(0, 8).Select(k => $"impi{k}@ims.example").ToArray();
        await using (var bus = Create(reports))
        {
            bus.SubscribeEvents(async (e, _) =>
            {
                // Yield so that a bus which ran one key's envelopes concurrently would reorder them.
                await Task.Yield();
                seen.GetOrAdd(e.PartitionKey, _ => new()).Enqueue(int.Parse(e.Id.Split('#')[1], CultureInfo.InvariantCulture));
            });

            await Parallel.ForEachAsync(keys, async (key, ct) =>
            {
                for (var i = 0; i < 50; i++)
                {
                    await bus.Bus.PublishAsync(Event($"{key}#{i}", key), ct);
                }
            });
            await bus.DrainAsync();
        }

        Assert.HasCount(keys.Length, seen);
        foreach (var key in keys)
        {
            CollectionAssert.AreEqual(Enumerable.Range(0, 50).ToArray(), seen[key].ToArray(), key);
        }

        Assert.IsEmpty(reports.Undeliverable);
        Assert.IsEmpty(reports.Malformed);
    }

    [TestMethod]
    public async Task AConsumerFailureRedeliversTheSameEnvelope()
    {
        var reports = new BusReports();
        var deliveries = new ConcurrentQueue<BusEnvelope>();
        var published = Event("evt-flaky", "alice@ims.example");
        await using (var bus = Create(reports))
        {
            bus.SubscribeEvents((e, _) =>
            {
                deliveries.Enqueue(e);
                var attempt = deliveries.Count(d => d.Id == e.Id);
                return e.Id == "evt-flaky" && attempt == 1
                    ? throw new InvalidOperationException("handler failed once")
                    : ValueTask.CompletedTask;
            });

            await bus.Bus.PublishAsync(published, CancellationToken.None);
            await bus.Bus.PublishAsync(Event("evt-next", "alice@ims.example"), CancellationToken.None);
            await bus.DrainAsync();
        }

        // The failed envelope came back (same id, same content) before the next one on its key.
        CollectionAssert.AreEqual(new[] { "evt-flaky", "evt-flaky", "evt-next" }, deliveries.Select(d => d.Id).ToArray());
        var first = deliveries.First();
        var again = deliveries.Skip(1).First();
        Assert.AreEqual(published.Id, again.Id);
        CollectionAssert.AreEqual(BusEnvelopeJson.Serialize(published), BusEnvelopeJson.Serialize(first));
        CollectionAssert.AreEqual(BusEnvelopeJson.Serialize(published), BusEnvelopeJson.Serialize(again));
        Assert.IsEmpty(reports.Undeliverable);
    }

    [TestMethod]
    public async Task CommandsReachOnlyTheEdgeNamedInTheEnvelope()
    {
        var reports = new BusReports();
        var a = new ConcurrentQueue<string>();
        var b = new ConcurrentQueue<string>();
        var functions = new ConcurrentQueue<string>();
        await using (var bus = Create(reports))
        {
            bus.SubscribeEvents((e, _) => { functions.Enqueue(e.Id); return ValueTask.CompletedTask; });
            bus.SubscribeCommands("edge-a", (e, _) => { a.Enqueue(e.Id); return ValueTask.CompletedTask; });
            bus.SubscribeCommands("edge-b", (e, _) => { b.Enqueue(e.Id); return ValueTask.CompletedTask; });

            await bus.Bus.PublishAsync(Command("c1", "edge-a", "call-1"), CancellationToken.None);
            await bus.Bus.PublishAsync(Command("c2", "edge-b", "call-2"), CancellationToken.None);
            await bus.Bus.PublishAsync(Command("c3", "edge-a", "call-1"), CancellationToken.None);
            await bus.Bus.PublishAsync(Event("e1", "bob@ims.example"), CancellationToken.None);
            await bus.DrainAsync();
        }

        // Commands of one dialog keep their order on the way back to the edge.
        CollectionAssert.AreEqual(new[] { "c1", "c3" }, a.ToArray());
        CollectionAssert.AreEqual(new[] { "c2" }, b.ToArray());
        CollectionAssert.AreEqual(new[] { "e1" }, functions.ToArray());
        Assert.IsEmpty(reports.Undeliverable);
    }

    [TestMethod]
    public async Task MalformedPayloadsAreReportedNotThrownAndTheNextEnvelopeStillArrives()
    {
        var reports = new BusReports();
        var consumed = new ConcurrentQueue<string>();
        byte[][] bad =
        [
            Encoding.UTF8.GetBytes("{"),
            Encoding.UTF8.GetBytes("REGISTER sip:ims.example SIP/2.0"),
            Encoding.UTF8.GetBytes("{\"id\":\"x\",\"message\":{\"type\":\"no.such.type\"}}"),
        ];
        var good = Event("evt-good", "carol@ims.example");
        await using (var bus = Create(reports))
        {
            bus.SubscribeEvents((e, _) => { consumed.Enqueue(e.Id); return ValueTask.CompletedTask; });
            foreach (var payload in bad)
            {
                await bus.DeliverRawEventAsync(payload);
            }

            await bus.DeliverRawEventAsync(BusEnvelopeJson.Serialize(good));
            await bus.DrainAsync();
        }

        CollectionAssert.AreEqual(new[] { "evt-good" }, consumed.ToArray());
        Assert.HasCount(bad.Length, reports.Malformed);
        foreach (var (source, payload, reason) in reports.Malformed)
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(source));
            Assert.IsFalse(string.IsNullOrWhiteSpace(reason));
            Assert.IsTrue(bad.Any(b => b.AsSpan().SequenceEqual(payload)), "the report carries the bytes as received");
        }
    }
}
