using Azure.Messaging.EventHubs.Consumer;
using Azure.Messaging.EventHubs.Processor;
using Ims.Bus.EventHubs;
using Ims.Storage;
using Ims.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace Ims.Bus.Tests.EventHubs;

/// <summary>The checkpoint store contract on the embedded table store, plus what only a folder store shows: a reopen.</summary>
[TestClass]
public sealed class EmbeddedTableCheckpointStoreTests : TableCheckpointStoreContract
{
    private static string? _folder;
    private static EmbeddedTableStore? _store;

    protected override ITableStore Tables => _store ?? throw new InvalidOperationException("the embedded store did not open");

    [ClassInitialize]
    public static void Open(TestContext context)
    {
        _ = context;
        _folder = Path.Combine(Path.GetTempPath(), "ims-bus-ckpt-" + Guid.NewGuid().ToString("N"));
        _store = EmbeddedTableStore.Open(_folder);
    }

    [ClassCleanup]
    public static void Close()
    {
        _store?.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task CheckpointsSurviveReopeningTheStore()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ims-bus-ckpt-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var store = EmbeddedTableStore.Open(folder))
            {
                var checkpoints = new TableCheckpointStore(store, new FakeTimeProvider(Start));
                await checkpoints.UpdateCheckpointAsync(TestProcessors.Namespace, Hub, Group, "0", "processor-a", new CheckpointPosition("900", 9), default);
            }

            using (var store = EmbeddedTableStore.Open(folder))
            {
                var checkpoint = await new TableCheckpointStore(store, TimeProvider.System).GetCheckpointAsync(TestProcessors.Namespace, Hub, Group, "0", default);
                Assert.AreEqual(EventPosition.FromOffset("900", isInclusive: false), checkpoint.StartingPosition);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
