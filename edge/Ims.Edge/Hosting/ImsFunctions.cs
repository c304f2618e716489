using Ims.Functions;
using Ims.Storage;

namespace Ims.Edge.Hosting;

/// <summary>The functions the embedded host runs, built over the store the host opened.</summary>
public static class ImsFunctions
{
    public static IEnumerable<IImsFunction> All(ITableStore store, ImsOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        return [];
    }
}
