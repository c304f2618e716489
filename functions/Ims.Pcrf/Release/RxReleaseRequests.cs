using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Pcrf.Policies;

namespace Ims.Pcrf.Release;

/// <summary>
/// The requests with which the PCRF ends an AF session (TS 29.214 4.4.4 and 4.4.6.1), addressed to
/// the AF that opened it: Destination-Host is the AAR's Origin-Host, Destination-Realm its realm.
/// Pure: the Diameter node that sends them sets the hop-by-hop and end-to-end ids.
/// </summary>
public static class RxReleaseRequests
{
    /// <summary>TS 29.214 5.3.13 Specific-Action INDICATION_OF_LOSS_OF_BEARER.</summary>
    public const uint IndicationOfLossOfBearer = 2;

    /// <summary>ASR (TS 29.214 5.6.7): Session-Id, Origin, Destination-Realm and -Host, Auth-Application-Id, Abort-Cause.</summary>
    public static DiameterMessage Asr(RxSessionRecord session, PcrfOptions pcrf, uint abortCause) =>
        Head(DiameterCommands.AbortSessionRx, session, pcrf)
            .Add(Avps.AbortCause, abortCause)
            .Build();

    /// <summary>
    /// RAR (TS 29.214 5.6.3) with Specific-Action INDICATION_OF_LOSS_OF_BEARER: the bearer is gone, and
    /// the AF decides to end the session (4.4.6.1; the P-CSCF does, with STR). The Rx RAR has no
    /// Re-Auth-Request-Type (its CCF replaces the base one of RFC 6733 8.3.1).
    /// </summary>
    public static DiameterMessage RarLossOfBearer(RxSessionRecord session, PcrfOptions pcrf) =>
        Head(DiameterCommands.ReAuthRx, session, pcrf)
            .Add(Avps.SpecificAction, IndicationOfLossOfBearer)
            .Build();

    private static DiameterMessageBuilder Head(CommandDefinition command, RxSessionRecord session, PcrfOptions pcrf)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(pcrf);
        // An AF that gave no realm is in ours: the built-in PCRF serves its home network.
        var realm = session.AfRealm.Length > 0 ? session.AfRealm : pcrf.OriginRealm;
        return DiameterMessageBuilder.Request(command, 0, 0)
            .Add(Avps.SessionId, session.SessionId)
            .Add(Avps.OriginHost, pcrf.OriginHost)
            .Add(Avps.OriginRealm, pcrf.OriginRealm)
            .Add(Avps.DestinationRealm, realm)
            .Add(Avps.DestinationHost, session.AfHost)
            .Add(Avps.AuthApplicationId, DiameterApplicationId.Rx.Value);
    }
}
