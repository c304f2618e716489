using Ims.Edge.Hosting;
using Ims.Storage;

namespace Ims.Edge.Cli;

/// <summary>Runs an operator command over the store of a data folder, turning store failures into one-line messages.</summary>
internal static class OperatorCommands
{
    public static async Task<int> WithStoreAsync(CliOutput cli, string dataFolder, Func<ITableStore, Task<int>> action)
    {
        // The folder's own store, or — while `ims up` holds it — the same store through the endpoint it publishes.
        var store = OperatorStore.Open(dataFolder, out var error);
        if (store is null)
        {
            return cli.Fail(error!);
        }

        try
        {
            return await action(store).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidOperationException)
        {
            return cli.Fail($"the store did not take the change: {ex.Message}");
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }
}
