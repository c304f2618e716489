using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Hss.Provisioning;
using Ims.Hss.Subscribers;
using Ims.Storage;

namespace Ims.Hss.Cx;

/// <summary>
/// UAR/UAA (TS 29.228 6.1.1, TS 29.229 6.1.1-6.1.2): may this user register from this network,
/// and which S-CSCF serves them or what must the I-CSCF select one by.
/// </summary>
internal sealed class UserAuthorizationHandler(ITableStore store, HssOptions options)
{
    public async Task<CxReply> HandleAsync(DiameterMessage request, CancellationToken cancellationToken)
    {
        var impi = request.GetString(Avps.UserName);
        var impu = request.GetString(Avps.PublicIdentity);
        var type = (UserAuthorizationType)(request.GetUnsigned32(Avps.UserAuthorizationType) ?? (uint)UserAuthorizationType.Registration);
        if (!Enum.IsDefined(type))
        {
            return CxAnswer.Result(request, options, DiameterResultCode.InvalidAvpValue, $"User-Authorization-Type {(uint)type} is unknown");
        }

        // 6.1.1.1 step 1: both identities known and belonging together.
        var identities = await CxIdentities.ReadAsync(store, impi, impu, cancellationToken).ConfigureAwait(false);
        if (identities.Refusal(request, options) is { } refusal)
        {
            return refusal;
        }

        var subscriber = identities.Impi!;
        var publicIdentity = identities.Impu!;

        // Step 2 (TS 29.228 6.1.1.1, TS 23.228 4.3.3.4): a barred identity may still register when its
        // implicit registration set holds a non-barred one (a temporary public identity from the ISIM is
        // typically barred and registers the set); only a wholly barred set is refused. Deregistration is never refused.
        if (type != UserAuthorizationType.DeRegistration && publicIdentity.Barred
            && (await RegistrationWrites.ImplicitSetAsync(store, subscriber, publicIdentity, cancellationToken).ConfigureAwait(false)).All(i => i.Barred))
        {
            return CxAnswer.Result(request, options, DiameterResultCode.AuthorizationRejected, $"{publicIdentity.Impu} and its implicit registration set are barred");
        }

        // Step 3: roaming agreement with the visited network.
        if (type != UserAuthorizationType.DeRegistration && !VisitedNetworkAllowed(request.GetString(Avps.VisitedNetworkIdentifier), subscriber))
        {
            return CxAnswer.Result(request, options, DiameterExperimentalResultCode.ErrorRoamingNotAllowed);
        }

        // Step 4: by authorisation type and registration state.
        var assigned = publicIdentity.ServerName;
        switch (type)
        {
            case UserAuthorizationType.RegistrationAndCapabilities:
                return new CxReply(
                    CxAnswer.Create(request, options, DiameterResultCode.Success).AddServerCapabilities(options).Build(),
                    $"capabilities for {publicIdentity.Impu}, {Offered()}");

            case UserAuthorizationType.DeRegistration:
                // A deregistering user has an S-CSCF to send the REGISTER to, or is not registered at all.
                return assigned is null
                    ? CxAnswer.Result(request, options, DiameterExperimentalResultCode.ErrorIdentityNotRegistered)
                    : new CxReply(
                        CxAnswer.Create(request, options, DiameterResultCode.Success).Add(Avps.ServerName, assigned).Build(),
                        $"de-registration of {publicIdentity.Impu} goes to {assigned}");

            default:
                // Registered, unregistered, or not registered with an S-CSCF name still stored (kept by
                // a *_STORE_SERVER_NAME deregistration or recorded by a MAR): the same S-CSCF serves again.
                return assigned is not null
                    ? new CxReply(
                        CxAnswer.Create(request, options, DiameterExperimentalResultCode.SubsequentRegistration).Add(Avps.ServerName, assigned).Build(),
                        $"subsequent registration of {publicIdentity.Impu} ({publicIdentity.State.ToToken()}), S-CSCF {assigned}")
                    : new CxReply(
                        CxAnswer.Create(request, options, DiameterExperimentalResultCode.FirstRegistration).AddServerCapabilities(options).Build(),
                        $"first registration of {publicIdentity.Impu}, {Offered()}");
        }
    }

    private string Offered() => $"{options.ScscfNames.Count} S-CSCF name(s) and {options.MandatoryCapabilities.Count + options.OptionalCapabilities.Count} capabilities offered";

    private bool VisitedNetworkAllowed(string? visited, ImpiRecord subscriber)
    {
        if (visited is null)
        {
            return false;
        }

        var home = SubscriberValidation.RealmOf(subscriber.Impi);
        return string.Equals(visited, options.OriginRealm, StringComparison.OrdinalIgnoreCase)
            || string.Equals(visited, home, StringComparison.OrdinalIgnoreCase)
            || options.AllowedVisitedNetworks.Any(n => n == "*" || string.Equals(n, visited, StringComparison.OrdinalIgnoreCase));
    }
}
