using Ims.Aka.Vectors;
using Ims.Hss.Cx;
using Ims.Ocs;
using Ims.Ocs.CreditControl;
using Ims.Pcrf;
using Ims.Pcrf.Release;
using Ims.Pcrf.Rx;
using Ims.Storage;

namespace Ims.Functions.Catalog;

/// <summary>
/// The functions a host runs, built over the store it opened. One list for every host, so that the
/// embedded core and the Azure Functions worker decide exactly alike.
/// </summary>
public static class ImsFunctionCatalog
{
    public static IReadOnlyList<IImsFunction> Build(ITableStore store, ImsFunctionSettings settings) =>
        Build(store, settings, new CryptographicRandomSource(), TimeProvider.System);

    /// <summary>The same functions with the randomness and clock given: replay injects the recorded time and a fixed RAND.</summary>
    public static IReadOnlyList<IImsFunction> Build(ITableStore store, ImsFunctionSettings settings, IRandomSource random, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.HomeDomain);
        var hss = new HomeSubscriberServer(
            store,
            new HssOptions
            {
                OriginHost = settings.HssOriginHost ?? $"hss.{settings.HomeDomain}",
                OriginRealm = settings.HomeDomain,
                AllowedVisitedNetworks = [settings.HomeDomain, .. settings.AllowedVisitedNetworks],
                ScscfNames = settings.ScscfNames,
            },
            random,
            time);
        var ocs = new OcsFunction(new OnlineChargingServer(store, new OcsOptions { OriginHost = settings.OcsOriginHost ?? $"ocs.{settings.HomeDomain}", OriginRealm = settings.HomeDomain }));
        var pcrfOptions = new PcrfOptions { OriginHost = settings.PcrfOriginHost ?? $"pcrf.{settings.HomeDomain}", OriginRealm = settings.HomeDomain };
        var pcrf = new PcrfFunction(new PolicyServer(store, pcrfOptions));
        // The operator's release (ASR/RAR to the AF) and the ASA/RAA that answer it.
        var release = new PcrfReleaseFunction(store, pcrfOptions);
        return settings.Cscf is { } cscf
            ? [new CxServerFunction(hss), ocs, pcrf, release, .. Ims.Cscf.CscfFunctions.All(store, cscf)]
            : [new CxServerFunction(hss), ocs, pcrf, release];
    }
}
