using static Ims.Diameter.Dictionary.Avps;

namespace Ims.Diameter.Dictionary;

/// <summary>
/// The command dictionary, one row per command: code, application, name, abbreviations, the AVPs
/// every request must carry (fixed and required AVPs of the command's CCF) and the spec section.
/// </summary>
public static class DiameterCommands
{
    private const uint Common = 0;
    private const uint CreditControlApplication = 4;
    private const uint CxApplication = 16777216;
    private const uint RxApplication = 16777236;

    // Base protocol, RFC 6733.
    public static readonly CommandDefinition CapabilitiesExchange = new(257, Common, "Capabilities-Exchange", "CER", "CEA",
        [OriginHost, OriginRealm, HostIpAddress, VendorId, ProductName], "RFC 6733 5.3.1");
    public static readonly CommandDefinition DeviceWatchdog = new(280, Common, "Device-Watchdog", "DWR", "DWA",
        [OriginHost, OriginRealm], "RFC 6733 5.5.1");
    public static readonly CommandDefinition DisconnectPeer = new(282, Common, "Disconnect-Peer", "DPR", "DPA",
        [OriginHost, OriginRealm, DisconnectCause], "RFC 6733 5.4.1");

    // Cx/Dx, TS 29.229 6.1.
    public static readonly CommandDefinition UserAuthorization = new(300, CxApplication, "User-Authorization", "UAR", "UAA",
        [SessionId, VendorSpecificApplicationId, AuthSessionState, OriginHost, OriginRealm, DestinationRealm, UserName, PublicIdentity, VisitedNetworkIdentifier], "TS 29.229 6.1.1");
    public static readonly CommandDefinition ServerAssignment = new(301, CxApplication, "Server-Assignment", "SAR", "SAA",
        [SessionId, VendorSpecificApplicationId, AuthSessionState, OriginHost, OriginRealm, DestinationRealm, ServerName, ServerAssignmentType, UserDataAlreadyAvailable], "TS 29.229 6.1.3");
    public static readonly CommandDefinition LocationInfo = new(302, CxApplication, "Location-Info", "LIR", "LIA",
        [SessionId, VendorSpecificApplicationId, AuthSessionState, OriginHost, OriginRealm, DestinationRealm, PublicIdentity], "TS 29.229 6.1.5");
    public static readonly CommandDefinition MultimediaAuth = new(303, CxApplication, "Multimedia-Auth", "MAR", "MAA",
        [SessionId, VendorSpecificApplicationId, AuthSessionState, OriginHost, OriginRealm, DestinationRealm, UserName, PublicIdentity, SipAuthDataItem, SipNumberAuthItems, ServerName], "TS 29.229 6.1.7");
    public static readonly CommandDefinition RegistrationTermination = new(304, CxApplication, "Registration-Termination", "RTR", "RTA",
        [SessionId, VendorSpecificApplicationId, AuthSessionState, OriginHost, OriginRealm, DestinationHost, DestinationRealm, UserName, DeregistrationReason], "TS 29.229 6.1.9");
    public static readonly CommandDefinition PushProfile = new(305, CxApplication, "Push-Profile", "PPR", "PPA",
        [SessionId, VendorSpecificApplicationId, AuthSessionState, OriginHost, OriginRealm, DestinationHost, DestinationRealm, UserName], "TS 29.229 6.1.11");

    // Rx, TS 29.214 5.6.
    public static readonly CommandDefinition AaRx = new(265, RxApplication, "AA", "AAR", "AAA",
        [SessionId, AuthApplicationId, OriginHost, OriginRealm, DestinationRealm], "TS 29.214 5.6.1");
    public static readonly CommandDefinition ReAuthRx = new(258, RxApplication, "Re-Auth", "RAR", "RAA",
        [SessionId, OriginHost, OriginRealm, DestinationRealm, DestinationHost, AuthApplicationId, SpecificAction], "TS 29.214 5.6.3");
    public static readonly CommandDefinition SessionTerminationRx = new(275, RxApplication, "Session-Termination", "STR", "STA",
        [SessionId, OriginHost, OriginRealm, DestinationRealm, AuthApplicationId, TerminationCause], "TS 29.214 5.6.5");
    public static readonly CommandDefinition AbortSessionRx = new(274, RxApplication, "Abort-Session", "ASR", "ASA",
        [SessionId, OriginHost, OriginRealm, DestinationRealm, DestinationHost, AuthApplicationId, AbortCause], "TS 29.214 5.6.7");

    // Ro, RFC 4006 3.1 with the IMS additions of TS 32.299 6.4.
    public static readonly CommandDefinition CreditControlRo = new(272, CreditControlApplication, "Credit-Control", "CCR", "CCA",
        [SessionId, OriginHost, OriginRealm, DestinationRealm, AuthApplicationId, ServiceContextId, CcRequestType, CcRequestNumber], "RFC 4006 3.1");

    public static IReadOnlyList<CommandDefinition> All { get; } =
    [
        CapabilitiesExchange, DeviceWatchdog, DisconnectPeer,
        UserAuthorization, ServerAssignment, LocationInfo, MultimediaAuth, RegistrationTermination, PushProfile,
        AaRx, ReAuthRx, SessionTerminationRx, AbortSessionRx,
        CreditControlRo,
    ];
}
