namespace Ims.Diameter.Values;

/// <summary>
/// Result-Code values (RFC 6733 7.1): an open set with well-known values. The thousands digit is
/// the class: 1xxx informational, 2xxx success, 3xxx protocol error (answered with the E bit),
/// 4xxx transient failure, 5xxx permanent failure.
/// </summary>
public readonly record struct DiameterResultCode(uint Value)
{
    // RFC 6733 7.1.1-7.1.5
    public static readonly DiameterResultCode MultiRoundAuth = new(1001);
    public static readonly DiameterResultCode Success = new(2001);
    public static readonly DiameterResultCode LimitedSuccess = new(2002);
    public static readonly DiameterResultCode CommandUnsupported = new(3001);
    public static readonly DiameterResultCode UnableToDeliver = new(3002);
    public static readonly DiameterResultCode RealmNotServed = new(3003);
    public static readonly DiameterResultCode TooBusy = new(3004);
    public static readonly DiameterResultCode LoopDetected = new(3005);
    public static readonly DiameterResultCode RedirectIndication = new(3006);
    public static readonly DiameterResultCode ApplicationUnsupported = new(3007);
    public static readonly DiameterResultCode InvalidHdrBits = new(3008);
    public static readonly DiameterResultCode InvalidAvpBits = new(3009);
    public static readonly DiameterResultCode UnknownPeer = new(3010);
    public static readonly DiameterResultCode AuthenticationRejected = new(4001);
    public static readonly DiameterResultCode OutOfSpace = new(4002);
    public static readonly DiameterResultCode ElectionLost = new(4003);
    public static readonly DiameterResultCode AvpUnsupported = new(5001);
    public static readonly DiameterResultCode UnknownSessionId = new(5002);
    public static readonly DiameterResultCode AuthorizationRejected = new(5003);
    public static readonly DiameterResultCode InvalidAvpValue = new(5004);
    public static readonly DiameterResultCode MissingAvp = new(5005);
    public static readonly DiameterResultCode ResourcesExceeded = new(5006);
    public static readonly DiameterResultCode ContradictingAvps = new(5007);
    public static readonly DiameterResultCode AvpNotAllowed = new(5008);
    public static readonly DiameterResultCode AvpOccursTooManyTimes = new(5009);
    public static readonly DiameterResultCode NoCommonApplication = new(5010);
    public static readonly DiameterResultCode UnsupportedVersion = new(5011);
    public static readonly DiameterResultCode UnableToComply = new(5012);
    public static readonly DiameterResultCode InvalidBitInHeader = new(5013);
    public static readonly DiameterResultCode InvalidAvpLength = new(5014);
    public static readonly DiameterResultCode InvalidMessageLength = new(5015);
    public static readonly DiameterResultCode InvalidAvpBitCombo = new(5016);
    public static readonly DiameterResultCode NoCommonSecurity = new(5017);

    // RFC 4006 9: credit-control result codes.
    public static readonly DiameterResultCode EndUserServiceDenied = new(4010);
    public static readonly DiameterResultCode CreditControlNotApplicable = new(4011);
    public static readonly DiameterResultCode CreditLimitReached = new(4012);
    public static readonly DiameterResultCode UserUnknown = new(5030);
    public static readonly DiameterResultCode RatingFailed = new(5031);

    public bool IsSuccess => Value is >= 2000 and < 3000;

    /// <summary>RFC 6733 7.1.3: protocol errors are answered with the E bit set.</summary>
    public bool IsProtocolError => Value is >= 3000 and < 4000;

    public string Name => Value switch
    {
        1001 => "DIAMETER_MULTI_ROUND_AUTH",
        2001 => "DIAMETER_SUCCESS",
        2002 => "DIAMETER_LIMITED_SUCCESS",
        3001 => "DIAMETER_COMMAND_UNSUPPORTED",
        3002 => "DIAMETER_UNABLE_TO_DELIVER",
        3003 => "DIAMETER_REALM_NOT_SERVED",
        3004 => "DIAMETER_TOO_BUSY",
        3005 => "DIAMETER_LOOP_DETECTED",
        3006 => "DIAMETER_REDIRECT_INDICATION",
        3007 => "DIAMETER_APPLICATION_UNSUPPORTED",
        3008 => "DIAMETER_INVALID_HDR_BITS",
        3009 => "DIAMETER_INVALID_AVP_BITS",
        3010 => "DIAMETER_UNKNOWN_PEER",
        4001 => "DIAMETER_AUTHENTICATION_REJECTED",
        4002 => "DIAMETER_OUT_OF_SPACE",
        4003 => "ELECTION_LOST",
        4010 => "DIAMETER_END_USER_SERVICE_DENIED",
        4011 => "DIAMETER_CREDIT_CONTROL_NOT_APPLICABLE",
        4012 => "DIAMETER_CREDIT_LIMIT_REACHED",
        5001 => "DIAMETER_AVP_UNSUPPORTED",
        5002 => "DIAMETER_UNKNOWN_SESSION_ID",
        5003 => "DIAMETER_AUTHORIZATION_REJECTED",
        5004 => "DIAMETER_INVALID_AVP_VALUE",
        5005 => "DIAMETER_MISSING_AVP",
        5006 => "DIAMETER_RESOURCES_EXCEEDED",
        5007 => "DIAMETER_CONTRADICTING_AVPS",
        5008 => "DIAMETER_AVP_NOT_ALLOWED",
        5009 => "DIAMETER_AVP_OCCURS_TOO_MANY_TIMES",
        5010 => "DIAMETER_NO_COMMON_APPLICATION",
        5011 => "DIAMETER_UNSUPPORTED_VERSION",
        5012 => "DIAMETER_UNABLE_TO_COMPLY",
        5013 => "DIAMETER_INVALID_BIT_IN_HEADER",
        5014 => "DIAMETER_INVALID_AVP_LENGTH",
        5015 => "DIAMETER_INVALID_MESSAGE_LENGTH",
        5016 => "DIAMETER_INVALID_AVP_BIT_COMBO",
        5017 => "DIAMETER_NO_COMMON_SECURITY",
        5030 => "DIAMETER_USER_UNKNOWN",
        5031 => "DIAMETER_RATING_FAILED",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override string ToString() => $"{Value} {Name}";
}
