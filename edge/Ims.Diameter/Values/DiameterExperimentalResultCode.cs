namespace Ims.Diameter.Values;

/// <summary>
/// Experimental-Result-Code values (RFC 6733 7.7) of vendor 3GPP, carried in Experimental-Result
/// with Vendor-Id 10415. Only meaningful with that vendor; the same number means different
/// things as a Result-Code.
/// </summary>
public readonly record struct DiameterExperimentalResultCode(uint Value)
{
    // TS 29.229 6.2.1 success
    public static readonly DiameterExperimentalResultCode FirstRegistration = new(2001);
    public static readonly DiameterExperimentalResultCode SubsequentRegistration = new(2002);
    public static readonly DiameterExperimentalResultCode UnregisteredService = new(2003);
    public static readonly DiameterExperimentalResultCode SuccessServerNameNotStored = new(2004);

    // TS 29.229 6.2.2 permanent failures
    public static readonly DiameterExperimentalResultCode ErrorUserUnknown = new(5001);
    public static readonly DiameterExperimentalResultCode ErrorIdentitiesDontMatch = new(5002);
    public static readonly DiameterExperimentalResultCode ErrorIdentityNotRegistered = new(5003);
    public static readonly DiameterExperimentalResultCode ErrorRoamingNotAllowed = new(5004);
    public static readonly DiameterExperimentalResultCode ErrorIdentityAlreadyRegistered = new(5005);
    public static readonly DiameterExperimentalResultCode ErrorAuthSchemeNotSupported = new(5006);
    public static readonly DiameterExperimentalResultCode ErrorInAssignmentType = new(5007);
    public static readonly DiameterExperimentalResultCode ErrorTooMuchData = new(5008);
    public static readonly DiameterExperimentalResultCode ErrorNotSupportedUserData = new(5009);
    public static readonly DiameterExperimentalResultCode ErrorFeatureUnsupported = new(5011);
    public static readonly DiameterExperimentalResultCode ErrorServingNodeFeatureUnsupported = new(5012);

    // TS 29.214 5.5.3 Rx permanent failures
    public static readonly DiameterExperimentalResultCode InvalidServiceInformation = new(5061);
    public static readonly DiameterExperimentalResultCode FilterRestrictions = new(5062);
    public static readonly DiameterExperimentalResultCode RequestedServiceNotAuthorized = new(5063);
    public static readonly DiameterExperimentalResultCode DuplicatedAfSession = new(5064);
    public static readonly DiameterExperimentalResultCode IpCanSessionNotAvailable = new(5065);
    public static readonly DiameterExperimentalResultCode UnauthorizedNonEmergencySession = new(5066);

    public uint VendorId => DiameterVendorId.ThirdGeneration;

    public bool IsSuccess => Value is >= 2000 and < 3000;

    public string Name => Value switch
    {
        2001 => "DIAMETER_FIRST_REGISTRATION",
        2002 => "DIAMETER_SUBSEQUENT_REGISTRATION",
        2003 => "DIAMETER_UNREGISTERED_SERVICE",
        2004 => "DIAMETER_SUCCESS_SERVER_NAME_NOT_STORED",
        5001 => "DIAMETER_ERROR_USER_UNKNOWN",
        5002 => "DIAMETER_ERROR_IDENTITIES_DONT_MATCH",
        5003 => "DIAMETER_ERROR_IDENTITY_NOT_REGISTERED",
        5004 => "DIAMETER_ERROR_ROAMING_NOT_ALLOWED",
        5005 => "DIAMETER_ERROR_IDENTITY_ALREADY_REGISTERED",
        5006 => "DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED",
        5007 => "DIAMETER_ERROR_IN_ASSIGNMENT_TYPE",
        5008 => "DIAMETER_ERROR_TOO_MUCH_DATA",
        5009 => "DIAMETER_ERROR_NOT_SUPPORTED_USER_DATA",
        5011 => "DIAMETER_ERROR_FEATURE_UNSUPPORTED",
        5012 => "DIAMETER_ERROR_SERVING_NODE_FEATURE_UNSUPPORTED",
        5061 => "INVALID_SERVICE_INFORMATION",
        5062 => "FILTER_RESTRICTIONS",
        5063 => "REQUESTED_SERVICE_NOT_AUTHORIZED",
        5064 => "DUPLICATED_AF_SESSION",
        5065 => "IP-CAN_SESSION_NOT_AVAILABLE",
        5066 => "UNAUTHORIZED_NON_EMERGENCY_SESSION",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override string ToString() => $"{Value} {Name}";
}
