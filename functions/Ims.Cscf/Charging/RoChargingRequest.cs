namespace Ims.Cscf.Charging;

/// <summary>
/// What the S-CSCF knows when it asks the OCS for credit (TS 32.299 6.4.2, RFC 4006 SCUR): its Ro
/// session, the request's place in it, who calls whom, the charging identifiers, and the seconds it
/// asks for and has used. The time of the request comes from the caller (no clock here).
/// </summary>
public sealed record RoChargingRequest
{
    /// <summary>The Ro Session-Id, one per charged SIP session; every CCR of the session reuses it.</summary>
    public required string SessionId { get; init; }

    public required string OriginHost { get; init; }

    public required string OriginRealm { get; init; }

    public required string DestinationRealm { get; init; }

    public string? DestinationHost { get; init; }

    /// <summary>CC-Request-Number (RFC 4006 8.2): 0 for INITIAL, then one more for each request of the session.</summary>
    public required uint RequestNumber { get; init; }

    /// <summary>The charged user (Subscription-Id END_USER_SIP_URI): the caller at an originating S-CSCF.</summary>
    public required string Subscriber { get; init; }

    public required string CallingPartyAddress { get; init; }

    public required string CalledPartyAddress { get; init; }

    /// <summary>icid-value of P-Charging-Vector (TS 32.299 7.2 IMS-Charging-Identifier).</summary>
    public required string Icid { get; init; }

    public string? OriginatingIoi { get; init; }

    public string? TerminatingIoi { get; init; }

    /// <summary>The SIP Call-ID (TS 32.299 7.2 User-Session-Id).</summary>
    public string? UserSessionId { get; init; }

    /// <summary>TS 32.299 7.2 Node-Functionality; S-CSCF by default.</summary>
    public uint NodeFunctionality { get; init; } = RoValues.NodeScscf;

    /// <summary>TS 32.299 7.2 Role-Of-Node; originating by default.</summary>
    public uint RoleOfNode { get; init; } = RoValues.OriginatingRole;

    /// <summary>CC-Time of Requested-Service-Unit; none on TERMINATION.</summary>
    public uint? RequestedSeconds { get; init; }

    /// <summary>CC-Time of Used-Service-Unit; on UPDATE and TERMINATION.</summary>
    public uint? UsedSeconds { get; init; }

    /// <summary>Event-Timestamp (RFC 6733 8.21), from the caller's clock.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
