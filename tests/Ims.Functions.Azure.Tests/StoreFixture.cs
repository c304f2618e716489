using Ims.Storage.Embedded;

namespace Ims.Functions.Azure.Tests;

/// <summary>A real embedded table store in a folder of its own, removed afterwards.</summary>
internal sealed class StoreFixture : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ims-func-azure-" + Guid.NewGuid().ToString("N"));

    public StoreFixture() => Store = EmbeddedTableStore.Open(_folder);

    public EmbeddedTableStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
