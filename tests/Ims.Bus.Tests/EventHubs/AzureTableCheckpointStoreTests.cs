using Ims.Storage;
using Ims.Storage.AzureTables;
using Ims.Storage.Tests.Azurite;

namespace Ims.Bus.Tests.EventHubs;

/// <summary>
/// The checkpoint store contract on Azure Tables, run against Azurite (started once for the class,
/// in memory): ownership claims race on real 409 and 412 answers, checkpoints are real rows.
/// </summary>
[TestClass]
public sealed class AzureTableCheckpointStoreTests : TableCheckpointStoreContract
{
    private static AzuriteServer? _azurite;
    private static AzureTableStore? _store;

    protected override ITableStore Tables =>
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
