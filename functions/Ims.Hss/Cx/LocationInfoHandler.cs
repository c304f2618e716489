using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Hss.Subscribers;
using Ims.Ifc.Subscription;
using Ims.Storage;

namespace Ims.Hss.Cx;

/// <summary>
/// LIR/LIA (TS 29.228 6.1.4, TS 29.229 6.1.5-6.1.6): which S-CSCF serves a public identity, so an
/// I-CSCF can route a terminating request to it.
/// </summary>
internal sealed class LocationInfoHandler(ITableStore store, HssOptions options)
{
    public async Task<CxReply> HandleAsync(DiameterMessage request, CancellationToken cancellationToken)
    {
        var impu = request.GetString(Avps.PublicIdentity)!;
        var identities = await CxIdentities.ReadAsync(store, null, impu, cancellationToken).ConfigureAwait(false);
        if (identities.Check != IdentityCheck.Ok)
        {
            return CxAnswer.Result(request, options, DiameterExperimentalResultCode.ErrorUserUnknown);
        }

        var publicIdentity = identities.Impu!;

        // TS 29.228 6.1.4.1: an I-CSCF that cannot reach the stored S-CSCF asks again with
        // REGISTRATION_AND_CAPABILITIES and selects another S-CSCF by capabilities.
        if (request.GetUnsigned32(Avps.UserAuthorizationType) == (uint)UserAuthorizationType.RegistrationAndCapabilities)
        {
            return new CxReply(
                CxAnswer.Create(request, options, DiameterResultCode.Success).AddServerCapabilities(options).Build(),
                $"capabilities for {publicIdentity.Impu} ({publicIdentity.State.ToToken()}) to select another S-CSCF");
        }

        // TS 29.228 6.1.4.1: registered, unregistered, or not registered with a stored S-CSCF name: that S-CSCF.
        if (publicIdentity.ServerName is { } serverName)
        {
            return new CxReply(
                CxAnswer.Create(request, options, DiameterResultCode.Success).Add(Avps.ServerName, serverName).Build(),
                $"{publicIdentity.Impu} ({publicIdentity.State.ToToken()}) is served by {serverName}");
        }

        // Not registered and no S-CSCF: if the user has services for the unregistered state, or the
        // request originates on the user's behalf (Originating-Request, TS 29.229 6.3.34: an AS acting
        // for an unregistered user), the I-CSCF selects an S-CSCF by capabilities
        // (DIAMETER_UNREGISTERED_SERVICE); otherwise there is nowhere to route (DIAMETER_ERROR_IDENTITY_NOT_REGISTERED).
        var originating = request.Find(Avps.OriginatingRequest) is not null;
        var criteria = IfcStorage.Read(identities.Impi!.IfcXml);
        return (originating || criteria.Any(c => c.ProfilePartIndicator is null or ProfilePartIndicator.Unregistered)) && !publicIdentity.Barred
            ? new CxReply(
                CxAnswer.Create(request, options, DiameterExperimentalResultCode.UnregisteredService).AddServerCapabilities(options).Build(),
                $"{publicIdentity.Impu} is not registered but has {(originating ? "an originating request" : "unregistered services")}: capabilities offered")
            : CxAnswer.Result(request, options, DiameterExperimentalResultCode.ErrorIdentityNotRegistered);
    }
}
