using System.Collections.Concurrent;
using Ims.Bus;
using Ims.Edge.Core;
using Ims.Events;
using Ims.Functions;
using Ims.Storage.Embedded;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ims.Edge.Tests.Core;

/// <summary>
/// The edge's timers outlive a restart: what was scheduled and neither fired nor cancelled is read
/// back from the (real, embedded) table store by the next edge with the same id, and fires there.
/// </summary>
[TestClass]
public sealed class EdgeTimersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);
    private string _folder = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void Create() => _folder = Path.Combine(Path.GetTempPath(), "ims-timers-" + Guid.NewGuid().ToString("N"));

    [TestCleanup]
    public void Remove()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>One run of an edge: its bus (recording what fires), clock, timers and their table.</summary>
    private sealed class EdgeRun : IAsyncDisposable
    {
        private readonly EmbeddedTableStore _store;
        private readonly EdgeTimerTable _table;

        public EdgeRun(string folder, DateTimeOffset now, string edgeId = "edge-1")
        {
            _store = EmbeddedTableStore.Open(folder);
            Clock = new FakeTimeProvider(now);
            Bus.SubscribeEvents((envelope, _) =>
            {
                Fired.Enqueue((envelope.PartitionKey, (TimerFired)envelope.Message));
                return ValueTask.CompletedTask;
            });
            _table = new EdgeTimerTable(_store, edgeId, NullLogger.Instance);
            Timers = new EdgeTimers(Bus, new EnvelopeStamp(edgeId, Clock, new RandomEnvelopeIds()), Clock, _table);
        }

        public InProcessBus Bus { get; } = new();

        public FakeTimeProvider Clock { get; }

        public EdgeTimers Timers { get; }

        public ConcurrentQueue<(string PartitionKey, TimerFired Timer)> Fired { get; } = new();

        public async Task<IReadOnlyList<(string PartitionKey, TimerFired Timer)>> FiredAsync(int expected)
        {
            // Expecting none: give a wrongly fired timer the time the bus takes to deliver it.
            for (var wait = 0; wait < 100 && (expected == 0 ? wait < 5 : Fired.Count < expected); wait++)
            {
                await Task.Delay(20);
            }

            return [.. Fired];
        }

        public async ValueTask DisposeAsync()
        {
            Timers.Dispose();
            await _table.DisposeAsync();
            await Bus.DisposeAsync();
            _store.Dispose();
        }
    }

    [TestMethod]
    public async Task ATimerScheduledBeforeARestartFiresAfterIt()
    {
        await using (var first = new EdgeRun(_folder, T0))
        {
            first.Timers.Schedule(new ScheduleTimer("reg:sip:alice@ims.test", T0.AddSeconds(600), "{\"aor\":\"sip:alice@ims.test\"}"), "sip:alice@ims.test");
            first.Clock.Advance(TimeSpan.FromSeconds(100));
        }

        await using var second = new EdgeRun(_folder, T0.AddSeconds(100));
        Assert.AreEqual(1, await second.Timers.RestoreAsync(TestContext.CancellationToken));
        second.Clock.Advance(TimeSpan.FromSeconds(499));
        Assert.IsEmpty(await second.FiredAsync(0), "not due yet");

        second.Clock.Advance(TimeSpan.FromSeconds(1));
        var fired = await second.FiredAsync(1);

        Assert.HasCount(1, fired);
        Assert.AreEqual("sip:alice@ims.test", fired[0].PartitionKey);
        Assert.AreEqual("reg:sip:alice@ims.test", fired[0].Timer.TimerId);
        Assert.AreEqual("{\"aor\":\"sip:alice@ims.test\"}", fired[0].Timer.Payload);
    }

    [TestMethod]
    public async Task ATimerThatCameDueWhileTheEdgeWasDownFiresAtOnce()
    {
        await using (var first = new EdgeRun(_folder, T0))
        {
            first.Timers.Schedule(new ScheduleTimer("ro:call-1", T0.AddSeconds(30), "credit"), "call-1");
        }

        await using var second = new EdgeRun(_folder, T0.AddMinutes(5));
        Assert.AreEqual(1, await second.Timers.RestoreAsync(TestContext.CancellationToken));
        second.Clock.Advance(TimeSpan.Zero);

        Assert.HasCount(1, await second.FiredAsync(1));
    }

    [TestMethod]
    public async Task FiredCancelledAndMovedTimersAreKeptAsTheyEndedUp()
    {
        await using (var first = new EdgeRun(_folder, T0))
        {
            first.Timers.Schedule(new ScheduleTimer("fires", T0.AddSeconds(1), "a"), "k1");
            first.Timers.Schedule(new ScheduleTimer("cancelled", T0.AddSeconds(60), "b"), "k2");
            first.Timers.Schedule(new ScheduleTimer("moved", T0.AddSeconds(60), "c"), "k3");
            first.Timers.Cancel("cancelled");
            first.Timers.Schedule(new ScheduleTimer("moved", T0.AddSeconds(120), "c2"), "k3");
            first.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.HasCount(1, await first.FiredAsync(1));
        }

        await using var second = new EdgeRun(_folder, T0.AddSeconds(2));
        Assert.AreEqual(1, await second.Timers.RestoreAsync(TestContext.CancellationToken), "only the moved timer is left");
        second.Clock.Advance(TimeSpan.FromSeconds(117));
        Assert.IsEmpty(await second.FiredAsync(0), "the move to 120 s was kept, not the first 60 s");
        second.Clock.Advance(TimeSpan.FromSeconds(1));

        var fired = await second.FiredAsync(1);
        Assert.HasCount(1, fired);
        Assert.AreEqual("c2", fired[0].Timer.Payload);
    }

    [TestMethod]
    public async Task AnotherEdgeDoesNotTakeTheTimersOfThisOne()
    {
        await using (var first = new EdgeRun(_folder, T0, "edge-1"))
        {
            first.Timers.Schedule(new ScheduleTimer("mine", T0.AddSeconds(10), "a"), "k");
        }

        await using var other = new EdgeRun(_folder, T0, "edge-2");
        Assert.AreEqual(0, await other.Timers.RestoreAsync(TestContext.CancellationToken));
    }
}
