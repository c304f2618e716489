using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Hss.Subscribers;
using Ims.Ifc.Subscription;
using Ims.Storage;

namespace Ims.Hss.Cx;

/// <summary>
/// LIR/LIA (TS 29.228 6.1.3, TS 29.229 6.1.5-6.1.6): which S-CSCF serves a public identity, so an
/// I-CSCF can route a terminating request to it.
/// </summary>
internal sealed class LocationInfoHandler(ITableStore store, HssOptions options)
{
    public async Task<DiameterMessage> HandleAsync(DiameterMessage request, CancellationToken cancellationToken)
    {
        var impu = request.GetString(Avps.PublicIdentity)!;
        var identities = await CxIdentities.ReadAsync(store, null, impu, cancellationToken).ConfigureAwait(false);
        if (identities.Check != IdentityCheck.Ok)
        {
            return CxAnswer.Result(request, options, DiameterExperimentalResultCode.ErrorUserUnknown);
        }

        var publicIdentity = identities.Impu!;

        // TS 29.228 6.1.3.1: registered, unregistered, or not registered with a stored S-CSCF name: that S-CSCF.
        if (publicIdentity.ServerName is { } serverName)
        {
            return CxAnswer.Create(request, options, DiameterResultCode.Success).Add(Avps.ServerName, serverName).Build();
        }

        // Not registered and no S-CSCF: if the user has services for the unregistered state, the
        // I-CSCF selects an S-CSCF by capabilities (DIAMETER_UNREGISTERED_SERVICE); otherwise there is
        // nowhere to route (DIAMETER_ERROR_IDENTITY_NOT_REGISTERED).
        var criteria = IfcStorage.Read(identities.Impi!.IfcXml);
        return criteria.Any(c => c.ProfilePartIndicator is null or ProfilePartIndicator.Unregistered) && !publicIdentity.Barred
            ? CxAnswer.Create(request, options, DiameterExperimentalResultCode.UnregisteredService).AddServerCapabilities(options).Build()
            : CxAnswer.Result(request, options, DiameterExperimentalResultCode.ErrorIdentityNotRegistered);
    }
}
