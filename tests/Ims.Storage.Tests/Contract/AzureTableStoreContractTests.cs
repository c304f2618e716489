using Ims.Storage.AzureTables;
using Ims.Storage.Tests.Azurite;

namespace Ims.Storage.Tests.Contract;

/// <summary>
/// The table-store contract against the Azure Table storage adapter on Azurite (started once for the
/// class, in memory); every test uses its own table.
/// </summary>
[TestClass]
public sealed class AzureTableStoreContractTests : TableStoreContract
{
    private static AzuriteServer? _azurite;
    private static AzureTableStore? _store;

    protected override ITableStore Store =>
        _store ?? throw new InvalidOperationException("azurite did not start; see the class initialisation failure");

    [ClassInitialize]
    public static async Task StartAzuriteAsync(TestContext context)
    {
        _ = context;
        _azurite = await AzuriteServer.StartAsync();
        _store = AzureTableStore.FromConnectionString(_azurite.ConnectionString);
    }

    [ClassCleanup]
    public static void StopAzurite() => _azurite?.Dispose();
}
