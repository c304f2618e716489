using Ims.Storage;
using Ims.Storage.Embedded;
using Ims.Storage.Http;

namespace Ims.Edge.Hosting;

/// <summary>
/// The store an operator command works on: the embedded store in the data folder, or — when a
/// running `ims up` holds that folder — the same store through the loopback endpoint it published.
/// </summary>
public static class OperatorStore
{
    /// <summary>The store, or null with a one-line reason.</summary>
    public static ITableStore? Open(string dataPath, out string? error)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        try
        {
            error = null;
            return EmbeddedTableStore.Open(Path.Combine(dataPath, "store"));
        }
        catch (DataFolderInUseException ex)
        {
            if (TableStoreEndpoint.Read(dataPath) is { } endpoint)
            {
                error = null;
                return new HttpTableStore(endpoint);
            }

            error = $"{ex.Message}, and it publishes no endpoint in {Path.Combine(dataPath, TableStoreEndpoint.FileName)}";
            return null;
        }
    }
}
