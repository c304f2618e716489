using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Hss.Cx;

/// <summary>
/// The common head of every Cx answer (TS 29.229 6.1.2, 6.1.4, 6.1.6, 6.1.8): Session-Id,
/// Vendor-Specific-Application-Id, the result, Auth-Session-State NO_STATE_MAINTAINED, Origin-Host
/// and Origin-Realm. Cx results are either a base Result-Code or a 3GPP Experimental-Result.
/// </summary>
internal static class CxAnswer
{
    /// <summary>RFC 6733 8.11: the Cx session keeps no state.</summary>
    private const uint NoStateMaintained = 1;

    public static DiameterMessageBuilder Create(DiameterMessage request, HssOptions options, DiameterResultCode resultCode) =>
        Head(request, options).AddResultCode(resultCode).Add(Avps.AuthSessionState, NoStateMaintained).Add(Avps.OriginHost, options.OriginHost).Add(Avps.OriginRealm, options.OriginRealm);

    public static DiameterMessageBuilder Create(DiameterMessage request, HssOptions options, DiameterExperimentalResultCode resultCode) =>
        Head(request, options).AddExperimentalResult(resultCode).Add(Avps.AuthSessionState, NoStateMaintained).Add(Avps.OriginHost, options.OriginHost).Add(Avps.OriginRealm, options.OriginRealm);

    public static DiameterMessage Result(DiameterMessage request, HssOptions options, DiameterResultCode resultCode, string? errorMessage = null)
    {
        var answer = Create(request, options, resultCode);
        if (errorMessage is not null)
        {
            answer.Add(Avps.ErrorMessage, errorMessage);
        }

        return answer.Build();
    }

    public static DiameterMessage Result(DiameterMessage request, HssOptions options, DiameterExperimentalResultCode resultCode) =>
        Create(request, options, resultCode).Build();

    /// <summary>Server-Capabilities (TS 29.229 6.3.4): what the I-CSCF selects an S-CSCF by.</summary>
    public static DiameterMessageBuilder AddServerCapabilities(this DiameterMessageBuilder answer, HssOptions options) =>
        answer.Add(Avps.ServerCapabilities, group =>
        {
            foreach (var capability in options.MandatoryCapabilities)
            {
                group.Add(Avps.MandatoryCapability, capability);
            }

            foreach (var capability in options.OptionalCapabilities)
            {
                group.Add(Avps.OptionalCapability, capability);
            }

            foreach (var name in options.ScscfNames)
            {
                group.Add(Avps.ServerName, name);
            }
        });

    private static DiameterMessageBuilder Head(DiameterMessage request, HssOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return DiameterMessageBuilder.Answer(request).Add(Avps.VendorSpecificApplicationId, group => group
            .Add(Avps.VendorId, DiameterVendorId.ThirdGeneration)
            .Add(Avps.AuthApplicationId, DiameterApplicationId.Cx.Value));
    }
}
