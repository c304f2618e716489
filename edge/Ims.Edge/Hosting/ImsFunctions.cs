using Ims.Functions;
using Ims.Functions.Catalog;
using Ims.Storage;

namespace Ims.Edge.Hosting;

/// <summary>The functions the embedded host runs: the shared catalog, with settings taken from the host's options.</summary>
public static class ImsFunctions
{
    public static IEnumerable<IImsFunction> All(ITableStore store, ImsOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        return ImsFunctionCatalog.Build(store, Settings(options));
    }

    /// <summary>
    /// The embedded default serves its own home network only (visited networks are configured in the
    /// cloud), and offers its own S-CSCF.
    /// </summary>
    public static ImsFunctionSettings Settings(ImsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.CscfNetwork().FunctionSettings(options.HomeDomain);
    }
}
