using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Primitives;
using Azure.Messaging.EventHubs.Processor;
using Ims.Bus.EventHubs;
using Ims.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Ims.Bus.Tests.EventHubs;

/// <summary>
/// The Event Hubs checkpoint store, for real, on a table store (ownership races, checkpoints). Each
/// store runs it through a subclass: the embedded store, and Azure Tables on Azurite. Every test uses
/// tables of its own, so tests can share one store.
/// </summary>
public abstract class TableCheckpointStoreContract
{
    protected const string Hub = "ims-events";
    protected const string Group = "$Default";
    protected static readonly DateTimeOffset Start = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    private static EventProcessorPartitionOwnership Desired(string owner, string partitionId, string? version, string hub = Hub, string group = Group) => new()
    {
        FullyQualifiedNamespace = TestProcessors.Namespace,
        EventHubName = hub,
        ConsumerGroup = group,
        PartitionId = partitionId,
        OwnerIdentifier = owner,
        Version = version,
    };

    [TestMethod]
    public async Task AFirstClaimIsListedWithItsOwnerVersionAndTime()
    {
        var fixture = new Fixture(Tables);

        var claimed = (await fixture.Store.ClaimOwnershipAsync([Desired("processor-a", "0", null), Desired("processor-a", "1", null)], default)).ToList();
        var listed = (await fixture.Store.ListOwnershipAsync(TestProcessors.Namespace, Hub, Group, default)).OrderBy(o => o.PartitionId).ToList();

        Assert.HasCount(2, claimed);
        Assert.HasCount(2, listed);
        for (var i = 0; i < 2; i++)
        {
            Assert.AreEqual(i.ToString(System.Globalization.CultureInfo.InvariantCulture), listed[i].PartitionId);
            Assert.AreEqual("processor-a", listed[i].OwnerIdentifier);
            Assert.AreEqual(Start, listed[i].LastModifiedTime);
            Assert.AreEqual(TestProcessors.Namespace, listed[i].FullyQualifiedNamespace);
            Assert.AreEqual(Hub, listed[i].EventHubName);
            Assert.AreEqual(Group, listed[i].ConsumerGroup);
            Assert.IsFalse(string.IsNullOrEmpty(listed[i].Version));
            Assert.AreEqual(claimed.Single(c => c.PartitionId == listed[i].PartitionId).Version, listed[i].Version);
        }
    }

    [TestMethod]
    public async Task ProcessorsRacingForAnUnownedPartitionYieldExactlyOneOwner()
    {
        var fixture = new Fixture(Tables);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            fixture.Store.ClaimOwnershipAsync([Desired($"processor-{i}", "3", null)], default)));

        var winners = results.SelectMany(r => r).ToList();
        Assert.HasCount(1, winners);
        var listed = (await fixture.Store.ListOwnershipAsync(TestProcessors.Namespace, Hub, Group, default)).Single();
        Assert.AreEqual(winners[0].OwnerIdentifier, listed.OwnerIdentifier);
        Assert.AreEqual(winners[0].Version, listed.Version);
    }

    [TestMethod]
    public async Task AClaimWithAStaleVersionLosesTheOwnership()
    {
        var fixture = new Fixture(Tables);
        var first = (await fixture.Store.ClaimOwnershipAsync([Desired("processor-a", "0", null)], default)).Single();

        // B steals the partition with the version it listed; A then renews with the version it holds.
        fixture.Time.Advance(TimeSpan.FromSeconds(40));
        var stolen = (await fixture.Store.ClaimOwnershipAsync([Desired("processor-b", "0", first.Version)], default)).Single();
        var renewal = await fixture.Store.ClaimOwnershipAsync([Desired("processor-a", "0", first.Version)], default);

        Assert.IsEmpty(renewal);
        Assert.AreNotEqual(first.Version, stolen.Version);
        var listed = (await fixture.Store.ListOwnershipAsync(TestProcessors.Namespace, Hub, Group, default)).Single();
        Assert.AreEqual("processor-b", listed.OwnerIdentifier);
        Assert.AreEqual(stolen.Version, listed.Version);
        Assert.AreEqual(Start.AddSeconds(40), listed.LastModifiedTime);
    }

    [TestMethod]
    public async Task ARenewalWithTheCurrentVersionKeepsOwnershipAndMovesItsTime()
    {
        var fixture = new Fixture(Tables);
        var first = (await fixture.Store.ClaimOwnershipAsync([Desired("processor-a", "0", null)], default)).Single();

        fixture.Time.Advance(TimeSpan.FromSeconds(10));
        var renewed = (await fixture.Store.ClaimOwnershipAsync([Desired("processor-a", "0", first.Version)], default)).Single();

        Assert.AreEqual("processor-a", renewed.OwnerIdentifier);
        Assert.AreNotEqual(first.Version, renewed.Version);
        Assert.AreEqual(Start.AddSeconds(10), renewed.LastModifiedTime);
        var again = await fixture.Store.ClaimOwnershipAsync([Desired("processor-a", "0", first.Version)], default);
        Assert.IsEmpty(again, "the version before the renewal is stale now");
    }

    [TestMethod]
    public async Task AFirstClaimOfAPartitionSomeoneAlreadyOwnsIsRefused()
    {
        var fixture = new Fixture(Tables);
        await fixture.Store.ClaimOwnershipAsync([Desired("processor-a", "0", null)], default);

        var late = await fixture.Store.ClaimOwnershipAsync([Desired("processor-b", "0", null), Desired("processor-b", "1", null)], default);

        Assert.AreEqual("1", late.Single().PartitionId, "only the partition nobody owned is granted");
    }

    [TestMethod]
    public async Task RelinquishingLeavesAnEmptyOwnerThatAnotherProcessorCanTake()
    {
        var fixture = new Fixture(Tables);
        var held = (await fixture.Store.ClaimOwnershipAsync([Desired("processor-a", "0", null)], default)).Single();

        var released = (await fixture.Store.ClaimOwnershipAsync([Desired(string.Empty, "0", held.Version)], default)).Single();
        var listed = (await fixture.Store.ListOwnershipAsync(TestProcessors.Namespace, Hub, Group, default)).Single();
        var taken = (await fixture.Store.ClaimOwnershipAsync([Desired("processor-b", "0", listed.Version)], default)).Single();

        Assert.AreEqual(string.Empty, listed.OwnerIdentifier);
        Assert.AreEqual(released.Version, listed.Version);
        Assert.AreEqual("processor-b", taken.OwnerIdentifier);
    }

    [TestMethod]
    public async Task OwnershipIsKeptPerHubAndConsumerGroupIgnoringCase()
    {
        var fixture = new Fixture(Tables);
        await fixture.Store.ClaimOwnershipAsync([Desired("events-reader", "0", null)], default);
        await fixture.Store.ClaimOwnershipAsync([Desired("edge-a", "0", null, "ims-commands", "edge-a")], default);

        var events = (await fixture.Store.ListOwnershipAsync(TestProcessors.Namespace, "IMS-Events", Group, default)).Single();
        var commands = (await fixture.Store.ListOwnershipAsync(TestProcessors.Namespace, "ims-commands", "edge-a", default)).Single();
        var otherGroup = await fixture.Store.ListOwnershipAsync(TestProcessors.Namespace, "ims-commands", "edge-b", default);

        Assert.AreEqual("events-reader", events.OwnerIdentifier);
        Assert.AreEqual("edge-a", commands.OwnerIdentifier);
        Assert.IsEmpty(otherGroup);
    }

    [TestMethod]
    public async Task NoCheckpointYetMeansNull()
    {
        var fixture = new Fixture(Tables);

        var checkpoint = await fixture.Store.GetCheckpointAsync(TestProcessors.Namespace, Hub, Group, "0", default);

        Assert.IsNull(checkpoint);
    }

    [TestMethod]
    public async Task ACheckpointResumesJustAfterTheOffsetItRecorded()
    {
        var fixture = new Fixture(Tables);
        await fixture.Store.UpdateCheckpointAsync(TestProcessors.Namespace, Hub, Group, "2", "processor-a", new CheckpointPosition("1200", 12), default);
        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        await fixture.Store.UpdateCheckpointAsync(TestProcessors.Namespace, Hub, Group, "2", "processor-a", new CheckpointPosition("1700", 17), default);

        var checkpoint = await fixture.Store.GetCheckpointAsync(TestProcessors.Namespace, Hub, Group, "2", default);

        Assert.AreEqual(EventPosition.FromOffset("1700", isInclusive: false), checkpoint.StartingPosition);
        Assert.AreEqual("processor-a", checkpoint.ClientIdentifier);
        Assert.AreEqual("2", checkpoint.PartitionId);
        Assert.AreEqual(Hub, checkpoint.EventHubName);
        Assert.AreEqual(Group, checkpoint.ConsumerGroup);
        Assert.AreEqual(TestProcessors.Namespace, checkpoint.FullyQualifiedNamespace);
        Assert.AreEqual(Start.AddSeconds(5), checkpoint.LastModified);
        Assert.IsNull(await fixture.Store.GetCheckpointAsync(TestProcessors.Namespace, Hub, Group, "1", default), "checkpoints are per partition");
    }

    [TestMethod]
    public async Task ACheckpointWithoutAnOffsetResumesAfterItsSequenceNumber()
    {
        var fixture = new Fixture(Tables);
#pragma warning disable CS0618 // Sequence-number-only checkpoints are obsolete to write, but older processors wrote them.
        await fixture.Store.UpdateCheckpointAsync(TestProcessors.Namespace, Hub, Group, "0", "processor-a", new CheckpointPosition(41), default);
#pragma warning restore CS0618

        var checkpoint = await fixture.Store.GetCheckpointAsync(TestProcessors.Namespace, Hub, Group, "0", default);

        Assert.AreEqual(EventPosition.FromSequenceNumber(41, isInclusive: false), checkpoint.StartingPosition);
    }

    /// <summary>The store under test, shared by the class's tests.</summary>
    protected abstract ITableStore Tables { get; }

    private sealed class Fixture
    {
        public Fixture(ITableStore tables)
        {
            // Table names: a letter, then letters and digits; unique per test.
            var unique = Guid.NewGuid().ToString("N");
            Store = new TableCheckpointStore(tables, Time, "own" + unique, "ckpt" + unique);
        }

        public FakeTimeProvider Time { get; } = new(Start);

        public TableCheckpointStore Store { get; }
    }
}
