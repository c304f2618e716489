namespace Ims.Storage.Tests.Contract;

/// <summary>
/// The behaviour every <see cref="ITableStore"/> must show, run against each implementation by a
/// derived [TestClass]. Each test gets its own table, so tests never see each other's rows.
/// </summary>
public abstract class TableStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract ITableStore Store { get; }

    /// <summary>A table name unique to the running test (Azure's rule: letters and digits).</summary>
    protected string Table { get; } = "T" + Guid.NewGuid().ToString("N")[..20];

    [TestMethod]
    public async Task GetOfMissingEntityReturnsNotFound()
    {
        var result = await Store.GetAsync(Table, "p", "missing", None);

        Assert.AreEqual(StoreStatus.NotFound, result.Status);
        Assert.IsNull(result.Value);
    }

    [TestMethod]
    public async Task InsertThenGetReturnsTheEntityWithTheInsertETag()
    {
        var inserted = await Store.InsertAsync(Table, Entity("alice", "reg1").With("Contact", "sip:alice@10.0.0.1"), None);
        var read = await Store.GetAsync(Table, "alice", "reg1", None);

        Assert.AreEqual(StoreStatus.Ok, inserted.Status);
        Assert.IsFalse(inserted.Value.IsEmpty);
        Assert.AreEqual(StoreStatus.Ok, read.Status);
        Assert.AreEqual("alice", read.Value!.PartitionKey);
        Assert.AreEqual("reg1", read.Value.RowKey);
        Assert.AreEqual(inserted.Value, read.Value.ETag);
        Assert.AreEqual("sip:alice@10.0.0.1", read.Value.GetString("Contact"));
        Assert.HasCount(1, read.Value.Properties);
    }

    [TestMethod]
    public async Task InsertOfExistingKeysReturnsConflictAndKeepsTheOriginal()
    {
        await Store.InsertAsync(Table, Entity("p", "r").With("Value", "first"), None);

        var second = await Store.InsertAsync(Table, Entity("p", "r").With("Value", "second"), None);
        var read = await Store.GetAsync(Table, "p", "r", None);

        Assert.AreEqual(StoreStatus.Conflict, second.Status);
        Assert.AreEqual("first", read.Value!.GetString("Value"));
    }

    [TestMethod]
    public async Task ReplaceWithCurrentETagSucceedsAndChangesTheETag()
    {
        var inserted = await Store.InsertAsync(Table, Entity("p", "r").With("Value", "old").With("Extra", 1), None);
        var read = (await Store.GetAsync(Table, "p", "r", None)).Value!;

        var replaced = await Store.ReplaceAsync(Table, read.With("Value", "new").Without("Extra"), None);
        var after = (await Store.GetAsync(Table, "p", "r", None)).Value!;

        Assert.AreEqual(StoreStatus.Ok, replaced.Status);
        Assert.AreNotEqual(inserted.Value, replaced.Value);
        Assert.AreEqual(replaced.Value, after.ETag);
        Assert.AreEqual("new", after.GetString("Value"));
        Assert.IsFalse(after.Properties.ContainsKey("Extra"), "replace writes the whole entity");
    }

    [TestMethod]
    public async Task StaleETagWriteIsRefusedThenRereadAndRetrySucceeds()
    {
        await Store.InsertAsync(Table, Entity("p", "r").With("Count", 0L), None);
        var first = (await Store.GetAsync(Table, "p", "r", None)).Value!;
        var second = (await Store.GetAsync(Table, "p", "r", None)).Value!;
        await Store.ReplaceAsync(Table, first.With("Count", 1L), None);

        var stale = await Store.ReplaceAsync(Table, second.With("Count", 1L), None);
        var fresh = (await Store.GetAsync(Table, "p", "r", None)).Value!;
        var retried = await Store.ReplaceAsync(Table, fresh.With("Count", fresh.GetInt64("Count")!.Value + 1), None);
        var final = (await Store.GetAsync(Table, "p", "r", None)).Value!;

        Assert.AreEqual(StoreStatus.PreconditionFailed, stale.Status);
        Assert.AreEqual(1L, fresh.GetInt64("Count"));
        Assert.AreEqual(StoreStatus.Ok, retried.Status);
        Assert.AreEqual(2L, final.GetInt64("Count"));
    }

    [TestMethod]
    public async Task ReplaceWithAnyETagIsUnconditional()
    {
        await Store.InsertAsync(Table, Entity("p", "r").With("Value", "old"), None);

        var replaced = await Store.ReplaceAsync(Table, Entity("p", "r", ETag.Any).With("Value", "new"), None);

        Assert.AreEqual(StoreStatus.Ok, replaced.Status);
        Assert.AreEqual("new", (await Store.GetAsync(Table, "p", "r", None)).Value!.GetString("Value"));
    }

    [TestMethod]
    public async Task ReplaceOfMissingEntityReturnsNotFound()
    {
        var result = await Store.ReplaceAsync(Table, Entity("p", "gone", ETag.Any).With("Value", "x"), None);

        Assert.AreEqual(StoreStatus.NotFound, result.Status);
        Assert.AreEqual(StoreStatus.NotFound, (await Store.GetAsync(Table, "p", "gone", None)).Status);
    }

    [TestMethod]
    public async Task UpsertInsertsThenReplacesTheWholeEntityIgnoringETags()
    {
        var inserted = await Store.UpsertAsync(Table, Entity("p", "r").With("A", "1").With("B", "2"), None);
        var replaced = await Store.UpsertAsync(Table, Entity("p", "r", new ETag("\"stale\"")).With("A", "3"), None);
        var read = (await Store.GetAsync(Table, "p", "r", None)).Value!;

        Assert.AreEqual(StoreStatus.Ok, inserted.Status);
        Assert.AreEqual(StoreStatus.Ok, replaced.Status);
        Assert.AreEqual(replaced.Value, read.ETag);
        Assert.AreEqual("3", read.GetString("A"));
        Assert.IsNull(read.GetString("B"));
    }

    [TestMethod]
    public async Task DeleteHonoursTheETag()
    {
        var first = await Store.InsertAsync(Table, Entity("p", "r"), None);
        var current = await Store.ReplaceAsync(Table, Entity("p", "r", first.Value).With("V", 1), None);

        var stale = await Store.DeleteAsync(Table, "p", "r", first.Value, None);
        var stillThere = await Store.GetAsync(Table, "p", "r", None);
        var deleted = await Store.DeleteAsync(Table, "p", "r", current.Value, None);
        var gone = await Store.GetAsync(Table, "p", "r", None);
        var again = await Store.DeleteAsync(Table, "p", "r", ETag.Any, None);

        Assert.AreEqual(StoreStatus.PreconditionFailed, stale.Status);
        Assert.AreEqual(StoreStatus.Ok, stillThere.Status);
        Assert.AreEqual(StoreStatus.Ok, deleted.Status);
        Assert.AreEqual(StoreStatus.NotFound, gone.Status);
        Assert.AreEqual(StoreStatus.NotFound, again.Status);
    }

    [TestMethod]
    public async Task TypedAndBinaryPropertiesRoundTrip()
    {
        var when = new DateTimeOffset(2024, 2, 29, 23, 59, 58, 123, TimeSpan.FromHours(2));
        byte[] key = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x46, 0x5B, 0x5C, 0xE8];
        var entity = Entity("impi@ims.example", "av")
            .With("Text", "héllo \"quoted\" 'single' <xml/>")
            .With("Int32", int.MinValue)
            .With("Int64", long.MaxValue)
            .With("Small64", 5L)
            .With("Flag", true)
            .With("Off", false)
            .With("Ratio", 0.1 + 0.2)
            .With("Whole", 3.0)
            .With("When", when)
            .With("Key", key);

        await Store.InsertAsync(Table, entity, None);
        var read = (await Store.GetAsync(Table, "impi@ims.example", "av", None)).Value!;

        Assert.HasCount(10, read.Properties);
        Assert.AreEqual("héllo \"quoted\" 'single' <xml/>", read.GetString("Text"));
        Assert.AreEqual(int.MinValue, read.GetInt32("Int32"));
        Assert.AreEqual(long.MaxValue, read.GetInt64("Int64"));
        Assert.IsInstanceOfType<long>(read.Properties["Small64"], "an Int64 stays an Int64 even when small");
        Assert.IsInstanceOfType<int>(read.Properties["Int32"]);
        Assert.AreEqual(5L, read.GetInt64("Small64"));
        Assert.IsTrue(read.GetBoolean("Flag"));
        Assert.IsFalse(read.GetBoolean("Off"));
        Assert.AreEqual(0.1 + 0.2, read.GetDouble("Ratio"));
        Assert.AreEqual(3.0, read.GetDouble("Whole"));
        Assert.AreEqual(when, read.GetDateTimeOffset("When"));
        Assert.AreEqual(TimeSpan.Zero, read.GetDateTimeOffset("When")!.Value.Offset, "times come back in UTC");
        CollectionAssert.AreEqual(key, read.GetBinary("Key")!.Value.ToArray());
    }

    [TestMethod]
    public async Task BatchCommitsEveryOperationAndReturnsTheirETags()
    {
        var existing = await Store.InsertAsync(Table, Entity("p", "replace").With("V", "old"), None);
        await Store.InsertAsync(Table, Entity("p", "delete"), None);

        var result = await Store.ExecuteBatchAsync(Table,
        [
            TableOperation.Insert(Entity("p", "insert").With("V", "i")),
            TableOperation.Upsert(Entity("p", "upsert").With("V", "u")),
            TableOperation.Replace(Entity("p", "replace", existing.Value).With("V", "new")),
            TableOperation.Delete("p", "delete", ETag.Any),
        ], None);
        var rows = await Rows(Table, "p");

        Assert.AreEqual(StoreStatus.Ok, result.Status, result.Reason);
        Assert.HasCount(4, result.ETags);
        CollectionAssert.AreEqual(new[] { "insert", "replace", "upsert" }, rows.Select(r => r.RowKey).ToArray());
        Assert.AreEqual(result.ETags[0], rows[0].ETag);
        Assert.AreEqual(result.ETags[2], rows[1].ETag);
        Assert.AreEqual(result.ETags[1], rows[2].ETag);
        Assert.AreEqual("new", rows[1].GetString("V"));
    }

    [TestMethod]
    public async Task BatchWithDuplicateInsertReportsTheFailingIndexAndWritesNothing()
    {
        await Store.InsertAsync(Table, Entity("p", "b").With("V", "original"), None);

        var result = await Store.ExecuteBatchAsync(Table,
        [
            TableOperation.Insert(Entity("p", "a")),
            TableOperation.Insert(Entity("p", "b").With("V", "duplicate")),
            TableOperation.Insert(Entity("p", "c")),
        ], None);
        var rows = await Rows(Table, "p");

        Assert.AreEqual(StoreStatus.Conflict, result.Status);
        Assert.AreEqual(1, result.FailedIndex);
        Assert.HasCount(1, rows);
        Assert.AreEqual("original", rows[0].GetString("V"));
    }

    [TestMethod]
    public async Task BatchWithStaleETagReportsPreconditionFailedAndRollsBack()
    {
        var first = await Store.InsertAsync(Table, Entity("p", "x").With("V", 1), None);
        await Store.ReplaceAsync(Table, Entity("p", "x", first.Value).With("V", 2), None);

        var result = await Store.ExecuteBatchAsync(Table,
        [
            TableOperation.Upsert(Entity("p", "y")),
            TableOperation.Upsert(Entity("p", "z")),
            TableOperation.Replace(Entity("p", "x", first.Value).With("V", 3)),
        ], None);
        var rows = await Rows(Table, "p");

        Assert.AreEqual(StoreStatus.PreconditionFailed, result.Status);
        Assert.AreEqual(2, result.FailedIndex);
        Assert.HasCount(1, rows);
        Assert.AreEqual(2, rows[0].GetInt32("V"));
    }

    [TestMethod]
    public async Task CrossPartitionBatchIsRefusedBeforeAnyWrite()
    {
        var result = await Store.ExecuteBatchAsync(Table,
        [
            TableOperation.Insert(Entity("p1", "a")),
            TableOperation.Insert(Entity("p2", "a")),
        ], None);

        Assert.AreEqual(StoreStatus.InvalidBatch, result.Status);
        Assert.AreEqual(1, result.FailedIndex);
        Assert.Contains("one partition", result.Reason!);
        Assert.AreEqual(StoreStatus.NotFound, (await Store.GetAsync(Table, "p1", "a", None)).Status);
        Assert.AreEqual(StoreStatus.NotFound, (await Store.GetAsync(Table, "p2", "a", None)).Status);
    }

    [TestMethod]
    public async Task BatchOf100OperationsCommitsAnd101IsRefused()
    {
        var hundred = Enumerable.Range(0, 100).Select(i => TableOperation.Insert(Entity("p", $"r{i:D3}"))).ToList();
        var hundredAndOne = Enumerable.Range(0, 101).Select(i => TableOperation.Insert(Entity("q", $"r{i:D3}"))).ToList();

        var accepted = await Store.ExecuteBatchAsync(Table, hundred, None);
        var refused = await Store.ExecuteBatchAsync(Table, hundredAndOne, None);

        Assert.AreEqual(StoreStatus.Ok, accepted.Status, accepted.Reason);
        Assert.HasCount(100, await Rows(Table, "p"));
        Assert.AreEqual(StoreStatus.InvalidBatch, refused.Status);
        Assert.AreEqual(-1, refused.FailedIndex);
        Assert.Contains("at most 100", refused.Reason!);
        Assert.IsEmpty(await Rows(Table, "q"));
    }

    [TestMethod]
    public async Task EmptyBatchAndBatchTouchingARowTwiceAreRefused()
    {
        var empty = await Store.ExecuteBatchAsync(Table, [], None);
        var twice = await Store.ExecuteBatchAsync(Table,
        [
            TableOperation.Insert(Entity("p", "a")),
            TableOperation.Upsert(Entity("p", "a")),
        ], None);

        Assert.AreEqual(StoreStatus.InvalidBatch, empty.Status);
        Assert.AreEqual(StoreStatus.InvalidBatch, twice.Status);
        Assert.AreEqual(1, twice.FailedIndex);
        Assert.IsEmpty(await Rows(Table, "p"));
    }

    [TestMethod]
    public async Task PartitionQueryReturnsOnlyThatPartitionInRowKeyOrder()
    {
        foreach (var (partition, row) in new[] { ("b", "2"), ("a", "9"), ("b", "1"), ("c", "1"), ("b", "10") })
        {
            await Store.InsertAsync(Table, Entity(partition, row).With("Where", partition + row), None);
        }

        var rows = await Rows(Table, "b");

        CollectionAssert.AreEqual(new[] { "1", "10", "2" }, rows.Select(r => r.RowKey).ToArray(), "ordinal RowKey order");
        CollectionAssert.AreEqual(new[] { "b1", "b10", "b2" }, rows.Select(r => r.GetString("Where")).ToArray());
        Assert.IsEmpty(await Rows(Table, "nothing"));
    }

    [TestMethod]
    public async Task PartitionQueryPagesPastAThousandEntities()
    {
        for (var batch = 0; batch < 12; batch++)
        {
            var operations = Enumerable.Range(batch * 100, 100)
                .Select(i => TableOperation.Insert(Entity("big", $"row{i:D5}").With("N", i)))
                .ToList();
            var result = await Store.ExecuteBatchAsync(Table, operations, None);
            Assert.AreEqual(StoreStatus.Ok, result.Status, result.Reason);
        }

        await Store.InsertAsync(Table, Entity("other", "row00000"), None);

        var all = await Rows(Table, "big");
        var firstPage = await Store.QueryPageAsync(Table, TableQuery.Partition("big"), null, None);
        var pageSizes = new List<int>();
        string? token = null;
        do
        {
            var page = await Store.QueryPageAsync(Table, TableQuery.Partition("big") with { PageSize = 500 }, token, None);
            Assert.IsLessThanOrEqualTo(500, page.Entities.Count);
            pageSizes.Add(page.Entities.Count);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.HasCount(1200, all);
        CollectionAssert.AreEqual(Enumerable.Range(0, 1200).ToArray(), all.Select(e => e.GetInt32("N")!.Value).ToArray());
        Assert.IsLessThanOrEqualTo(1000, firstPage.Entities.Count);
        Assert.IsNotNull(firstPage.ContinuationToken, "a partition of 1,200 does not fit one page");
        Assert.AreEqual(1200, pageSizes.Sum());
        Assert.IsGreaterThanOrEqualTo(3, pageSizes.Count);
    }

    [TestMethod]
    public async Task ExpiryQueryFindsEntitiesExpiringAtOrBeforeAGivenTimeAcrossPartitions()
    {
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        await Store.InsertAsync(Table, Entity("sip:alice@ims.example", "c1").With("Expires", now.AddSeconds(-1)), None);
        await Store.InsertAsync(Table, Entity("sip:alice@ims.example", "c2").With("Expires", now.AddSeconds(1)), None);
        await Store.InsertAsync(Table, Entity("sip:bob@ims.example", "c1").With("Expires", now), None);
        await Store.InsertAsync(Table, Entity("sip:carol@ims.example", "c1").With("Expires", now.AddHours(-1).ToOffset(TimeSpan.FromHours(5))), None);
        await Store.InsertAsync(Table, Entity("sip:dave@ims.example", "c1").With("Expires", "not a time"), None);
        await Store.InsertAsync(Table, Entity("sip:erin@ims.example", "c1"), None);

        var expired = await Store.QueryAsync(Table, new TableQuery { Filters = [PropertyFilter.LessThanOrEqual("Expires", now)] }, None).ToListAsync();
        var aliceExpired = await Store.QueryAsync(
            Table,
            TableQuery.Partition("sip:alice@ims.example") with { Filters = [PropertyFilter.LessThanOrEqual("Expires", now)] },
            None).ToListAsync();

        CollectionAssert.AreEqual(
            new[] { "sip:alice@ims.example/c1", "sip:bob@ims.example/c1", "sip:carol@ims.example/c1" },
            expired.Select(e => e.PartitionKey + "/" + e.RowKey).ToArray());
        Assert.HasCount(1, aliceExpired);
        Assert.AreEqual("c1", aliceExpired[0].RowKey);
    }

    [TestMethod]
    public async Task ConcurrentReadModifyWriteWithETagsNeverLosesAnIncrement()
    {
        const int incrementsPerWriter = 25;
        await Store.InsertAsync(Table, Entity("counter", "c").With("Value", 0L), None);

        async Task<int> Writer()
        {
            var conflicts = 0;
            for (var done = 0; done < incrementsPerWriter;)
            {
                var current = (await Store.GetAsync(Table, "counter", "c", None)).Value!;
                var result = await Store.ReplaceAsync(Table, current.With("Value", current.GetInt64("Value")!.Value + 1), None);
                if (result.Status == StoreStatus.PreconditionFailed)
                {
                    conflicts++;
                    continue;
                }

                Assert.AreEqual(StoreStatus.Ok, result.Status);
                done++;
            }

            return conflicts;
        }

        await Task.WhenAll(Task.Run(Writer), Task.Run(Writer));
        var final = (await Store.GetAsync(Table, "counter", "c", None)).Value!;

        Assert.AreEqual(2L * incrementsPerWriter, final.GetInt64("Value"));
    }

    [TestMethod]
    public async Task EncodedKeysWithForbiddenCharactersRoundTrip()
    {
        var impu = "sip:alice@ims.example;transport=tcp?subject=a/b#x";
        var key = TableKey.Encode(impu);

        await Store.InsertAsync(Table, Entity(key, TableKey.Encode("tel:+1-555/0100")), None);
        var rows = await Rows(Table, key);

        Assert.HasCount(1, rows);
        Assert.AreEqual(impu, TableKey.Decode(rows[0].PartitionKey));
        Assert.AreEqual("tel:+1-555/0100", TableKey.Decode(rows[0].RowKey));
    }

    private static TableEntity Entity(string partitionKey, string rowKey, ETag etag = default) =>
        new(partitionKey, rowKey, [], etag);

    private async Task<List<TableEntity>> Rows(string table, string partitionKey) =>
        await Store.QueryPartitionAsync(table, partitionKey, None).ToListAsync();
}
