using System.Buffers.Binary;
using Ims.Storage.Embedded;

namespace Ims.Storage.Tests.Embedded;

/// <summary>What only the embedded store promises: its log survives reopening, a torn tail, compaction and a second opener.</summary>
[TestClass]
public sealed class EmbeddedDurabilityTests
{
    private const string Table = "Registrations";
    private static readonly CancellationToken None = CancellationToken.None;
    private string _folder = "";

    [TestInitialize]
    public void CreateFolder() =>
        _folder = Path.Combine(Path.GetTempPath(), "ims-storage-tests", Guid.NewGuid().ToString("N"));

    [TestCleanup]
    public void DeleteFolder()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task AcknowledgedWritesSurviveReopen()
    {
        ETag kept;
        using (var store = EmbeddedTableStore.Open(_folder))
        {
            await store.InsertAsync(Table, Entity("alice", "gone"), None);
            kept = (await store.InsertAsync(Table, Entity("alice", "kept").With("Expires", new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)), None)).Value;
            await store.DeleteAsync(Table, "alice", "gone", ETag.Any, None);
            await store.ExecuteBatchAsync(Table, [TableOperation.Insert(Entity("bob", "1")), TableOperation.Insert(Entity("bob", "2").With("Key", new byte[] { 1, 2, 3 }))], None);
        }

        using var reopened = EmbeddedTableStore.Open(_folder);
        var alice = await reopened.QueryPartitionAsync(Table, "alice", None).ToListAsync();
        var bob = await reopened.QueryPartitionAsync(Table, "bob", None).ToListAsync();

        Assert.HasCount(1, alice);
        Assert.AreEqual("kept", alice[0].RowKey);
        Assert.AreEqual(kept, alice[0].ETag, "the ETag survives, so a read before a restart can still write after it");
        Assert.AreEqual(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), alice[0].GetDateTimeOffset("Expires"));
        CollectionAssert.AreEqual(new[] { "1", "2" }, bob.Select(e => e.RowKey).ToArray());
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, bob[1].GetBinary("Key")!.Value.ToArray());
        Assert.AreEqual(0, reopened.DiscardedTailBytes(Table));
    }

    [TestMethod]
    public async Task TableNamesAreCaseInsensitiveAcrossReopen()
    {
        using (var store = EmbeddedTableStore.Open(_folder))
        {
            await store.InsertAsync("Impi", Entity("alice", "1"), None);
        }

        using var reopened = EmbeddedTableStore.Open(_folder);

        Assert.AreEqual(StoreStatus.Ok, (await reopened.GetAsync("IMPI", "alice", "1", None)).Status);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "record cut short")]
    [DataRow(true, DisplayName = "checksum wrong")]
    public async Task TornTailRecordIsIgnoredAndLaterWritesSurvive(bool completeButCorrupt)
    {
        string logPath;
        long intactLength;
        using (var store = EmbeddedTableStore.Open(_folder))
        {
            await store.InsertAsync(Table, Entity("alice", "1").With("V", "acknowledged"), None);
            logPath = store.LogPath(Table);
        }

        intactLength = new FileInfo(logPath).Length;
        AppendTornRecord(logPath, completeButCorrupt);

        using (var store = EmbeddedTableStore.Open(_folder))
        {
            var read = await store.GetAsync(Table, "alice", "1", None);
            Assert.AreEqual("acknowledged", read.Value!.GetString("V"));
            Assert.AreEqual(completeButCorrupt ? 16L : 30L, store.DiscardedTailBytes(Table));
            Assert.AreEqual(intactLength, new FileInfo(logPath).Length, "the torn tail is cut off the log");
            Assert.AreEqual(StoreStatus.Ok, (await store.InsertAsync(Table, Entity("alice", "2"), None)).Status);
        }

        using var third = EmbeddedTableStore.Open(_folder);
        var rows = await third.QueryPartitionAsync(Table, "alice", None).ToListAsync();

        CollectionAssert.AreEqual(new[] { "1", "2" }, rows.Select(e => e.RowKey).ToArray(), "a write after the torn tail is not hidden by it");
        Assert.AreEqual(0, third.DiscardedTailBytes(Table));
    }

    [TestMethod]
    public void SecondOpenerOfTheDataFolderIsRefusedNamingTheHolderPid()
    {
        using var first = EmbeddedTableStore.Open(_folder);

        var refused = Assert.ThrowsExactly<DataFolderInUseException>(() => EmbeddedTableStore.Open(_folder));

        Assert.AreEqual(Environment.ProcessId, refused.OwnerProcessId);
        Assert.Contains($"in use by pid {Environment.ProcessId}", refused.Message);
    }

    [TestMethod]
    public void DataFolderCanBeOpenedAgainOnceTheHolderIsDisposed()
    {
        EmbeddedTableStore.Open(_folder).Dispose();

        using var second = EmbeddedTableStore.Open(_folder);

        Assert.AreEqual(Path.GetFullPath(_folder), second.DataFolder);
    }

    [TestMethod]
    public async Task CompactionKeepsLiveEntitiesShrinksTheLogAndNeverReusesAVersion()
    {
        var options = new EmbeddedStoreOptions { CompactionThreshold = 50 };
        ETag deletedVersion;
        long logLength;
        using (var store = EmbeddedTableStore.Open(_folder, options))
        {
            await store.InsertAsync(Table, Entity("p", "counter").With("N", 0L), None);
            for (var i = 1; i <= 200; i++)
            {
                var current = (await store.GetAsync(Table, "p", "counter", None)).Value!;
                await store.ReplaceAsync(Table, current.With("N", (long)i), None);
            }

            deletedVersion = (await store.InsertAsync(Table, Entity("p", "doomed"), None)).Value;
            await store.DeleteAsync(Table, "p", "doomed", ETag.Any, None);
            await store.CompactAsync(Table, None);
            logLength = new FileInfo(store.LogPath(Table)).Length;
        }

        using var reopened = EmbeddedTableStore.Open(_folder, options);
        var counter = (await reopened.GetAsync(Table, "p", "counter", None)).Value!;
        var reborn = await reopened.InsertAsync(Table, Entity("p", "doomed"), None);
        var staleDelete = await reopened.DeleteAsync(Table, "p", "doomed", deletedVersion, None);

        Assert.AreEqual(200L, counter.GetInt64("N"));
        Assert.IsLessThan(200, logLength, "the snapshot holds one live entity, not 200 versions");
        Assert.AreNotEqual(deletedVersion, reborn.Value);
        Assert.AreEqual(StoreStatus.PreconditionFailed, staleDelete.Status, "an ETag from before the delete never matches the new entity");
    }

    [TestMethod]
    public async Task ManyConcurrentWritersOnDifferentRowsAllLand()
    {
        using (var store = EmbeddedTableStore.Open(_folder))
        {
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 20; i++)
                {
                    var result = await store.InsertAsync(Table, Entity($"w{w}", $"r{i:D2}"), None);
                    Assert.AreEqual(StoreStatus.Ok, result.Status);
                }
            }));
            await Task.WhenAll(writers);
        }

        using var reopened = EmbeddedTableStore.Open(_folder);
        var all = await reopened.QueryAsync(Table, TableQuery.All, None).ToListAsync();

        Assert.HasCount(160, all);
        Assert.HasCount(160, all.Select(e => e.ETag).Distinct().ToList());
    }

    private static TableEntity Entity(string partitionKey, string rowKey) => new(partitionKey, rowKey);

    // A crash mid-append leaves either a header promising more bytes than follow, or (if the disk
    // reordered writes) a full-length record whose bytes do not match the checksum.
    private static void AppendTornRecord(string logPath, bool completeButCorrupt)
    {
        using var log = new FileStream(logPath, FileMode.Append, FileAccess.Write);
        var header = new byte[8];
        if (completeButCorrupt)
        {
            BinaryPrimitives.WriteInt32LittleEndian(header, 8);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 0xDEADBEEF);
            log.Write(header);
            log.Write(new byte[8] { 1, 0, 0, 0, 2, 1, 0x61, 0 });
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(header, 4000);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 0x12345678);
            log.Write(header);
            log.Write(new byte[22]);
        }
    }
}
