using Ims.Hss.Provisioning;
using Ims.Hss.Subscribers;
using Ims.Storage;

namespace Ims.Hss.Tests.Provisioning;

/// <summary>
/// A write that fails half way (another writer takes an IMPU between the checks and the inserts,
/// or the store fails) leaves nothing of this call behind.
/// </summary>
[TestClass]
public sealed class ProvisioningRollbackTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task AnImpuTakenBetweenCheckAndInsertRollsBackTheWholeSubscriber()
    {
        using var temp = TempStore.Create();
        var before = await temp.SnapshotAsync();
        // Just before alice's second IMPU is inserted, someone else provisions it.
        var store = new InterferingStore(temp.Store, tel: "tel:+15550100", async inner =>
            await inner.InsertAsync(SubscriberTables.ImpuTable, SubscriberTables.ToEntity(new ImpuRecord { Impu = "tel:+15550100", Impi = "mallory@ims.example" }), None));

        var result = await new SubscriberProvisioning(store).AddAsync(TestSubscribers.Alice(), None);

        Assert.IsFalse(result.IsOk);
        Assert.AreEqual(ProvisioningErrorKind.ImpuOwned, result.Errors.Single().Kind);
        Assert.IsNull(await SubscriberTables.ReadImpiAsync(temp.Store, "alice@ims.example", None));
        Assert.IsNull(await SubscriberTables.ReadImpuAsync(temp.Store, "sip:alice@ims.example", None));
        Assert.AreEqual("mallory@ims.example", (await SubscriberTables.ReadImpuAsync(temp.Store, "tel:+15550100", None))!.Value.Record.Impi);
        Assert.HasCount(before.Count + 1, await temp.SnapshotAsync());
    }

    [TestMethod]
    public async Task AStoreFailureHalfWayRollsBackAndRethrows()
    {
        using var temp = TempStore.Create();
        var before = await temp.SnapshotAsync();
        var store = new InterferingStore(temp.Store, tel: "tel:+15550100", _ => throw new IOException("disk full"));

        await Assert.ThrowsExactlyAsync<IOException>(() => new SubscriberProvisioning(store).AddAsync(TestSubscribers.Alice(), None));

        CollectionAssert.AreEqual(before.ToArray(), (await temp.SnapshotAsync()).ToArray());
    }

    [TestMethod]
    public async Task AnImportWhoseLaterEntryLosesARaceUndoesTheEarlierEntries()
    {
        using var temp = TempStore.Create();
        var before = await temp.SnapshotAsync();
        var store = new InterferingStore(temp.Store, tel: "sip:bob@ims.example", async inner =>
            await inner.InsertAsync(SubscriberTables.ImpuTable, SubscriberTables.ToEntity(new ImpuRecord { Impu = "sip:bob@ims.example", Impi = "mallory@ims.example" }), None));
        var json = $$"""
            [ { "impi": "alice@ims.example", "impus": ["sip:alice@ims.example"], "k": "{{TestSubscribers.K}}", "op": "{{TestSubscribers.Op}}" },
              { "impi": "bob@ims.example", "impus": ["sip:bob@ims.example"], "k": "{{TestSubscribers.K}}", "opc": "{{TestSubscribers.Opc}}" } ]
            """;

        var result = await new SubscriberProvisioning(store).ImportAsync(json, None);

        Assert.IsFalse(result.IsOk);
        Assert.AreEqual(1, result.Errors.Single().Entry);
        Assert.IsNull(await SubscriberTables.ReadImpiAsync(temp.Store, "alice@ims.example", None));
        Assert.IsNull(await SubscriberTables.ReadImpuAsync(temp.Store, "sip:alice@ims.example", None));
        Assert.IsNull(await SubscriberTables.ReadImpiAsync(temp.Store, "bob@ims.example", None));
        Assert.HasCount(before.Count + 1, await temp.SnapshotAsync());
    }

    /// <summary>Runs <c>interfere</c> once, just before the Impu row of <c>tel</c> is inserted.</summary>
    private sealed class InterferingStore(ITableStore inner, string tel, Func<ITableStore, Task> interfere) : ITableStore
    {
        private int _done;

        public async Task<StoreResult<ETag>> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken)
        {
            if (table == SubscriberTables.ImpuTable && entity.PartitionKey == SubscriberTables.ImpuKey(tel) && Interlocked.Exchange(ref _done, 1) == 0)
            {
                await interfere(inner);
            }

            return await inner.InsertAsync(table, entity, cancellationToken);
        }

        public Task<StoreResult<TableEntity>> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
            inner.GetAsync(table, partitionKey, rowKey, cancellationToken);

        public Task<StoreResult<ETag>> ReplaceAsync(string table, TableEntity entity, CancellationToken cancellationToken) => inner.ReplaceAsync(table, entity, cancellationToken);

        public Task<StoreResult<ETag>> UpsertAsync(string table, TableEntity entity, CancellationToken cancellationToken) => inner.UpsertAsync(table, entity, cancellationToken);

        public Task<StoreResult<ETag>> DeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken) =>
            inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);

        public Task<BatchResult> ExecuteBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken) =>
            inner.ExecuteBatchAsync(table, operations, cancellationToken);

        public Task<TablePage> QueryPageAsync(string table, TableQuery query, string? continuationToken, CancellationToken cancellationToken) =>
            inner.QueryPageAsync(table, query, continuationToken, cancellationToken);
    }
}
