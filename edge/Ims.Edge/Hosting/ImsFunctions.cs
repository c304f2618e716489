using Ims.Aka.Vectors;
using Ims.Functions;
using Ims.Hss.Cx;
using Ims.Storage;

namespace Ims.Edge.Hosting;

/// <summary>The functions the embedded host runs, built over the store the host opened.</summary>
public static class ImsFunctions
{
    public static IEnumerable<IImsFunction> All(ITableStore store, ImsOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var hss = new HomeSubscriberServer(
            store,
            new HssOptions
            {
                OriginHost = options.DiameterIdentity("hss"),
                OriginRealm = options.HomeDomain,
                // The embedded default serves its own home network; visited networks are configured in the cloud.
                AllowedVisitedNetworks = [options.HomeDomain],
                ScscfNames = [options.RoleUri("scscf", options.Scscf.Port)],
            },
            new CryptographicRandomSource(),
            TimeProvider.System);
        return [new CxServerFunction(hss), .. Ims.Cscf.CscfFunctions.All(store, options.Cscf())];
    }
}
