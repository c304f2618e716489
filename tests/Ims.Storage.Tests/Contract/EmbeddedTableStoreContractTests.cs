using Ims.Storage.Embedded;

namespace Ims.Storage.Tests.Contract;

/// <summary>The table-store contract against the embedded file store, a fresh data folder per test.</summary>
[TestClass]
public sealed class EmbeddedTableStoreContractTests : TableStoreContract
{
    private string _folder = "";
    private EmbeddedTableStore? _store;

    protected override ITableStore Store => _store ?? throw new InvalidOperationException("store not opened");

    [TestInitialize]
    public void OpenStore()
    {
        _folder = Path.Combine(Path.GetTempPath(), "ims-storage-tests", Guid.NewGuid().ToString("N"));
        _store = EmbeddedTableStore.Open(_folder);
    }

    [TestCleanup]
    public void CloseStore()
    {
        _store?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
