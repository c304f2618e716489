using Ims.Cscf.Icscf;
using Ims.Cscf.Pcscf;
using Ims.Cscf.Scscf;
using Ims.Functions;
using Ims.Storage;

namespace Ims.Cscf;

/// <summary>The three CSCF roles over one store, as every host runs them.</summary>
public static class CscfFunctions
{
    public static IReadOnlyList<IImsFunction> All(ITableStore store, CscfOptions options) =>
        [new PcscfFunction(store, options), new IcscfFunction(options), new ScscfRegistrar(store, options)];
}
