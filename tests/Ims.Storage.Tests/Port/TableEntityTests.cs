namespace Ims.Storage.Tests.Port;

[TestClass]
public sealed class TableEntityTests
{
    [TestMethod]
    public void BinaryValuesAreCopiedSoTheCallerCannotChangeAStoredEntity()
    {
        var bytes = new byte[] { 1, 2, 3 };
        var entity = new TableEntity("p", "r").With("K", bytes);

        bytes[0] = 99;

        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, entity.GetBinary("K")!.Value.ToArray());
    }

    [TestMethod]
    public void TimesAreKeptInUtc()
    {
        var local = new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.FromHours(3));

        var stored = new TableEntity("p", "r").With("T", local).GetDateTimeOffset("T")!.Value;

        Assert.AreEqual(TimeSpan.Zero, stored.Offset);
        Assert.AreEqual(local, stored);
    }

    [TestMethod]
    public void WithAndWithoutReturnCopiesKeepingKeysAndETag()
    {
        var original = new TableEntity("p", "r", [new("A", 1)], new ETag("\"7\""));

        var changed = original.With("B", "x").Without("A");

        Assert.AreEqual(1, original.GetInt32("A"));
        Assert.IsNull(original.GetString("B"));
        Assert.AreEqual("x", changed.GetString("B"));
        Assert.IsNull(changed.GetInt32("A"));
        Assert.AreEqual(new ETag("\"7\""), changed.ETag);
        Assert.AreEqual("p", changed.PartitionKey);
        Assert.AreEqual("r", changed.RowKey);
    }

    [TestMethod]
    public void Int64GetterWidensInt32ButInt32GetterDoesNotNarrow()
    {
        var entity = new TableEntity("p", "r").With("Small", 5).With("Big", 5L);

        Assert.AreEqual(5L, entity.GetInt64("Small"));
        Assert.AreEqual(5L, entity.GetInt64("Big"));
        Assert.IsNull(entity.GetInt32("Big"));
    }

    [TestMethod]
    public void UnsupportedValuesAndNamesAreProgrammerErrors()
    {
        var entity = new TableEntity("p", "r");

        Assert.ThrowsExactly<ArgumentException>(() => entity.With("G", Guid.Empty));
        Assert.ThrowsExactly<ArgumentException>(() => entity.With("D", 1.5m));
        Assert.ThrowsExactly<ArgumentException>(() => entity.With("Local", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Local)));
        Assert.ThrowsExactly<ArgumentException>(() => entity.With("RowKey", "x"));
        Assert.ThrowsExactly<ArgumentException>(() => entity.With("has space", "x"));
        Assert.ThrowsExactly<ArgumentException>(() => entity.With("Big", new byte[TableProperty.MaxBinaryLength + 1]));
    }

    [TestMethod]
    public void ConditionalOperationsNeedAnETag()
    {
        Assert.ThrowsExactly<ArgumentException>(() => TableOperation.Replace(new TableEntity("p", "r")));
        Assert.ThrowsExactly<ArgumentException>(() => TableOperation.Delete("p", "r", default));
        Assert.AreEqual(ETag.Any, TableOperation.Delete("p", "r", ETag.Any).ETag);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(1001)]
    public void PageSizeOutsideAzureLimitsIsRefused(int pageSize) =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TableQuery { PageSize = pageSize });
}
