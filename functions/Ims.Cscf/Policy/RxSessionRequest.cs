using Ims.Sip.Sdp;

namespace Ims.Cscf.Policy;

/// <summary>
/// What the P-CSCF knows when it asks the PCRF to authorise a session's media (TS 29.214 4.4.1,
/// TS 24.229 5.2.7): its Rx session, whose session it is, the charging identifier, and the SDP
/// offer and answer as the UE and its peer wrote them. <see cref="Answer"/> is null when the AAR
/// goes out at offer time.
/// </summary>
public sealed record RxSessionRequest
{
    /// <summary>The Rx Session-Id (RFC 6733 8.8), kept for the whole SIP session: AAR updates and the STR reuse it.</summary>
    public required string SessionId { get; init; }

    /// <summary>The P-CSCF's Diameter identity and realm.</summary>
    public required string OriginHost { get; init; }

    public required string OriginRealm { get; init; }

    public required string DestinationRealm { get; init; }

    public string? DestinationHost { get; init; }

    /// <summary>The served user's public identity, sent as Subscription-Id END_USER_SIP_URI.</summary>
    public required string Subscriber { get; init; }

    /// <summary>icid-value of P-Charging-Vector: AF-Charging-Identifier (TS 29.214 5.3.6).</summary>
    public required string Icid { get; init; }

    public required SdpSession Offer { get; init; }

    public SdpSession? Answer { get; init; }

    /// <summary>True when the UE made the offer (an originating session), false when it answers.</summary>
    public bool OfferFromUe { get; init; } = true;

    /// <summary>An update of an authorised session (TS 29.214 5.3.31 UPDATE_REQUEST) rather than its first AAR.</summary>
    public bool IsUpdate { get; init; }

    /// <summary>Events the P-CSCF subscribes to (TS 29.214 4.4.1, 5.3.13); by default loss and release of bearer.</summary>
    public IReadOnlyList<uint> SpecificActions { get; init; } = [RxValues.IndicationOfLossOfBearer, RxValues.IndicationOfReleaseOfBearer];
}
