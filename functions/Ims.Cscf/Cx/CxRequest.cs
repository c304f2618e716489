using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions;

namespace Ims.Cscf.Cx;

/// <summary>
/// The Cx requests a CSCF sends to the HSS (TS 29.229 6.1): UAR from the I-CSCF, MAR and SAR from
/// the S-CSCF. Hop-by-hop and end-to-end ids are left to the Diameter node that sends them; the
/// Session-Id is derived from the transaction so that replay produces the same request.
/// </summary>
internal static class CxRequest
{
    /// <summary>TS 29.229 6.3.x: NO_STATE_MAINTAINED; Cx keeps no Diameter session state.</summary>
    private const uint NoStateMaintained = 1;

    public static DiameterMessageBuilder Head(CommandDefinition command, string originHost, CscfOptions options, string sessionSeed) =>
        DiameterMessageBuilder.Request(command, 0, 0)
            .Add(Avps.SessionId, $"{originHost};{Proxy.DerivedToken.Of(command.Name, sessionSeed)}")
            .Add(Avps.VendorSpecificApplicationId, g => g.Add(Avps.VendorId, DiameterVendorId.ThirdGeneration).Add(Avps.AuthApplicationId, DiameterApplicationId.Cx.Value))
            .Add(Avps.AuthSessionState, NoStateMaintained)
            .Add(Avps.OriginHost, originHost)
            .Add(Avps.OriginRealm, options.HomeDomain)
            .Add(Avps.DestinationRealm, options.CxRealm);

    /// <summary>UAR (TS 29.229 6.1.1): may this IMPI register this IMPU from this network, and which S-CSCF serves it.</summary>
    public static byte[] Uar(CscfOptions options, string sessionSeed, string impi, string impu, string visitedNetwork, UserAuthorizationType type) =>
        DiameterEncoder.Encode(Head(DiameterCommands.UserAuthorization, options.IcscfDiameterHost, options, sessionSeed)
            .Add(Avps.UserName, impi)
            .Add(Avps.PublicIdentity, impu)
            .Add(Avps.VisitedNetworkIdentifier, visitedNetwork)
            .Add(Avps.UserAuthorizationType, (uint)type)
            .Build());

    /// <summary>LIR (TS 29.229 6.1.5): which S-CSCF serves this public identity, for a terminating request.</summary>
    public static byte[] Lir(CscfOptions options, string sessionSeed, string impu) =>
        DiameterEncoder.Encode(Head(DiameterCommands.LocationInfo, options.IcscfDiameterHost, options, sessionSeed)
            .Add(Avps.PublicIdentity, impu)
            .Build());

    /// <summary>MAR (TS 29.229 6.1.7): one authentication vector of the scheme asked, or of the subscriber's own for "Unknown".</summary>
    public static byte[] Mar(CscfOptions options, string sessionSeed, string impi, string impu, string scheme, ReadOnlySpan<byte> resynchronisation)
    {
        var authorization = resynchronisation.ToArray();
        return DiameterEncoder.Encode(Head(DiameterCommands.MultimediaAuth, options.ScscfDiameterHost, options, sessionSeed)
            .Add(Avps.UserName, impi)
            .Add(Avps.PublicIdentity, impu)
            .Add(Avps.SipNumberAuthItems, 1u)
            .Add(Avps.SipAuthDataItem, item =>
            {
                item.Add(Avps.SipAuthenticationScheme, scheme);
                if (authorization.Length > 0)
                {
                    // TS 33.203 6.3.3, TS 29.229 6.3.15: RAND || AUTS asks the HSS to resynchronise.
                    item.Add(Avps.SipAuthorization, authorization);
                }
            })
            .Add(Avps.ServerName, options.ScscfUri)
            .Build());
    }

    /// <summary>SAR (TS 29.229 6.1.3): tell the HSS this S-CSCF serves (or no longer serves) the user, and fetch the profile.</summary>
    /// <remarks>The IMPI is absent for UNREGISTERED_USER: a callee that never registered here has none known (TS 29.228 6.1.2).</remarks>
    public static byte[] Sar(CscfOptions options, string sessionSeed, string? impi, string impu, ServerAssignmentType type)
    {
        var builder = Head(DiameterCommands.ServerAssignment, options.ScscfDiameterHost, options, sessionSeed);
        if (impi is not null)
        {
            builder.Add(Avps.UserName, impi);
        }

        return DiameterEncoder.Encode(builder
            .Add(Avps.PublicIdentity, impu)
            .Add(Avps.ServerName, options.ScscfUri)
            .Add(Avps.ServerAssignmentType, (uint)type)
            .Add(Avps.UserDataAlreadyAvailable, (uint)UserDataAlreadyAvailable.UserDataNotAvailable)
            .Build());
    }

    public static OutgoingCommand Command(byte[] request, Continuation continuation) =>
        new(new SendDiameterRequest(request), continuation);
}
