using Ims.Diameter.Messages;
using static Ims.Diameter.Dictionary.AvpType;

namespace Ims.Diameter.Dictionary;

/// <summary>
/// The AVP dictionary as reviewed tables, one row per AVP: name, code, vendor, type, the flags we
/// send it with, and the spec section the row comes from. Split by interface across the
/// Avps.*.cs files; <see cref="DiameterDictionary"/> indexes every row.
/// </summary>
public static partial class Avps
{
    private const DiameterAvpFlags None = DiameterAvpFlags.None;
    private const DiameterAvpFlags M = DiameterAvpFlags.Mandatory;
    private const DiameterAvpFlags V = DiameterAvpFlags.VendorSpecific;
    private const DiameterAvpFlags VM = DiameterAvpFlags.VendorSpecific | DiameterAvpFlags.Mandatory;
    private const uint Ietf = 0;
    private const uint Tgpp = 10415;

    // Base protocol, RFC 6733.                               name                             code vendor type              flags spec
    public static readonly AvpDefinition UserName                       = new("User-Name",                          1, Ietf, UTF8String,       M,    "RFC 6733 8.14");
    public static readonly AvpDefinition Class                          = new("Class",                             25, Ietf, OctetString,      M,    "RFC 6733 8.20");
    public static readonly AvpDefinition SessionTimeout                 = new("Session-Timeout",                   27, Ietf, Unsigned32,       M,    "RFC 6733 8.13");
    public static readonly AvpDefinition ProxyState                     = new("Proxy-State",                       33, Ietf, OctetString,      M,    "RFC 6733 6.7.4");
    public static readonly AvpDefinition AcctSessionId                  = new("Acct-Session-Id",                   44, Ietf, OctetString,      M,    "RFC 6733 9.8.4");
    public static readonly AvpDefinition AcctMultiSessionId             = new("Acct-Multi-Session-Id",             50, Ietf, UTF8String,       M,    "RFC 6733 9.8.5");
    public static readonly AvpDefinition EventTimestamp                 = new("Event-Timestamp",                   55, Ietf, Time,             M,    "RFC 6733 8.21");
    public static readonly AvpDefinition AcctInterimInterval            = new("Acct-Interim-Interval",             85, Ietf, Unsigned32,       M,    "RFC 6733 9.8.2");
    public static readonly AvpDefinition HostIpAddress                  = new("Host-IP-Address",                  257, Ietf, Address,          M,    "RFC 6733 5.3.5");
    public static readonly AvpDefinition AuthApplicationId              = new("Auth-Application-Id",              258, Ietf, Unsigned32,       M,    "RFC 6733 6.8");
    public static readonly AvpDefinition AcctApplicationId              = new("Acct-Application-Id",              259, Ietf, Unsigned32,       M,    "RFC 6733 6.9");
    public static readonly AvpDefinition VendorSpecificApplicationId    = new("Vendor-Specific-Application-Id",   260, Ietf, Grouped,          M,    "RFC 6733 6.11");
    public static readonly AvpDefinition RedirectHostUsage              = new("Redirect-Host-Usage",              261, Ietf, Enumerated,       M,    "RFC 6733 6.13");
    public static readonly AvpDefinition RedirectMaxCacheTime           = new("Redirect-Max-Cache-Time",          262, Ietf, Unsigned32,       M,    "RFC 6733 6.14");
    public static readonly AvpDefinition SessionId                      = new("Session-Id",                       263, Ietf, UTF8String,       M,    "RFC 6733 8.8");
    public static readonly AvpDefinition OriginHost                     = new("Origin-Host",                      264, Ietf, DiameterIdentity, M,    "RFC 6733 6.3");
    public static readonly AvpDefinition SupportedVendorId              = new("Supported-Vendor-Id",              265, Ietf, Unsigned32,       M,    "RFC 6733 5.3.6");
    public static readonly AvpDefinition VendorId                       = new("Vendor-Id",                        266, Ietf, Unsigned32,       M,    "RFC 6733 5.3.3");
    public static readonly AvpDefinition FirmwareRevision               = new("Firmware-Revision",                267, Ietf, Unsigned32,       None, "RFC 6733 5.3.4");
    public static readonly AvpDefinition ResultCode                     = new("Result-Code",                      268, Ietf, Unsigned32,       M,    "RFC 6733 7.1");
    public static readonly AvpDefinition ProductName                    = new("Product-Name",                     269, Ietf, UTF8String,       None, "RFC 6733 5.3.7");
    public static readonly AvpDefinition SessionBinding                 = new("Session-Binding",                  270, Ietf, Unsigned32,       M,    "RFC 6733 8.17");
    public static readonly AvpDefinition SessionServerFailover          = new("Session-Server-Failover",          271, Ietf, Enumerated,       M,    "RFC 6733 8.18");
    public static readonly AvpDefinition MultiRoundTimeOut              = new("Multi-Round-Time-Out",             272, Ietf, Unsigned32,       M,    "RFC 6733 8.19");
    public static readonly AvpDefinition DisconnectCause                = new("Disconnect-Cause",                 273, Ietf, Enumerated,       M,    "RFC 6733 5.4.3");
    public static readonly AvpDefinition AuthRequestType                = new("Auth-Request-Type",                274, Ietf, Enumerated,       M,    "RFC 6733 8.7");
    public static readonly AvpDefinition AuthGracePeriod                = new("Auth-Grace-Period",                276, Ietf, Unsigned32,       M,    "RFC 6733 8.10");
    public static readonly AvpDefinition AuthSessionState               = new("Auth-Session-State",               277, Ietf, Enumerated,       M,    "RFC 6733 8.11");
    public static readonly AvpDefinition OriginStateId                  = new("Origin-State-Id",                  278, Ietf, Unsigned32,       M,    "RFC 6733 8.16");
    public static readonly AvpDefinition FailedAvp                      = new("Failed-AVP",                       279, Ietf, Grouped,          M,    "RFC 6733 7.5");
    public static readonly AvpDefinition ProxyHost                      = new("Proxy-Host",                       280, Ietf, DiameterIdentity, M,    "RFC 6733 6.7.3");
    public static readonly AvpDefinition ErrorMessage                   = new("Error-Message",                    281, Ietf, UTF8String,       None, "RFC 6733 7.3");
    public static readonly AvpDefinition RouteRecord                    = new("Route-Record",                     282, Ietf, DiameterIdentity, M,    "RFC 6733 6.7.1");
    public static readonly AvpDefinition DestinationRealm               = new("Destination-Realm",                283, Ietf, DiameterIdentity, M,    "RFC 6733 6.6");
    public static readonly AvpDefinition ProxyInfo                      = new("Proxy-Info",                       284, Ietf, Grouped,          M,    "RFC 6733 6.7.2");
    public static readonly AvpDefinition ReAuthRequestType              = new("Re-Auth-Request-Type",             285, Ietf, Enumerated,       M,    "RFC 6733 8.12");
    public static readonly AvpDefinition AccountingSubSessionId         = new("Accounting-Sub-Session-Id",        287, Ietf, Unsigned64,       M,    "RFC 6733 9.8.6");
    public static readonly AvpDefinition AuthorizationLifetime          = new("Authorization-Lifetime",           291, Ietf, Unsigned32,       M,    "RFC 6733 8.9");
    public static readonly AvpDefinition RedirectHost                   = new("Redirect-Host",                    292, Ietf, DiameterURI,      M,    "RFC 6733 6.12");
    public static readonly AvpDefinition DestinationHost                = new("Destination-Host",                 293, Ietf, DiameterIdentity, M,    "RFC 6733 6.5");
    public static readonly AvpDefinition ErrorReportingHost             = new("Error-Reporting-Host",             294, Ietf, DiameterIdentity, None, "RFC 6733 7.4");
    public static readonly AvpDefinition TerminationCause               = new("Termination-Cause",                295, Ietf, Enumerated,       M,    "RFC 6733 8.15");
    public static readonly AvpDefinition OriginRealm                    = new("Origin-Realm",                     296, Ietf, DiameterIdentity, M,    "RFC 6733 6.4");
    public static readonly AvpDefinition ExperimentalResult             = new("Experimental-Result",              297, Ietf, Grouped,          M,    "RFC 6733 7.6");
    public static readonly AvpDefinition ExperimentalResultCode         = new("Experimental-Result-Code",         298, Ietf, Unsigned32,       M,    "RFC 6733 7.7");
    public static readonly AvpDefinition InbandSecurityId               = new("Inband-Security-Id",               299, Ietf, Unsigned32,       M,    "RFC 6733 6.10");
    public static readonly AvpDefinition AccountingRecordType           = new("Accounting-Record-Type",           480, Ietf, Enumerated,       M,    "RFC 6733 9.8.1");
    public static readonly AvpDefinition AccountingRealtimeRequired     = new("Accounting-Realtime-Required",     483, Ietf, Enumerated,       M,    "RFC 6733 9.8.7");
    public static readonly AvpDefinition AccountingRecordNumber         = new("Accounting-Record-Number",         485, Ietf, Unsigned32,       M,    "RFC 6733 9.8.3");

    // NASREQ / RADIUS-derived AVPs that Cx and Rx reuse (RFC 7155, RFC 4590).
    public static readonly AvpDefinition FramedIpAddress                = new("Framed-IP-Address",                  8, Ietf, OctetString,      M,    "RFC 7155 4.4.10.5.1");
    public static readonly AvpDefinition CalledStationId                = new("Called-Station-Id",                 30, Ietf, UTF8String,       M,    "RFC 7155 4.3.2.1");
    public static readonly AvpDefinition FramedInterfaceId              = new("Framed-Interface-Id",               96, Ietf, Unsigned64,       M,    "RFC 7155 4.4.10.5.6");
    public static readonly AvpDefinition FramedIpv6Prefix               = new("Framed-IPv6-Prefix",                97, Ietf, OctetString,      M,    "RFC 7155 4.4.10.5.7");
    public static readonly AvpDefinition DigestRealm                    = new("Digest-Realm",                     104, Ietf, UTF8String,       M,    "RFC 4740 9.5.1");
    public static readonly AvpDefinition DigestQop                      = new("Digest-QoP",                       110, Ietf, UTF8String,       M,    "RFC 4740 9.5.7");
    public static readonly AvpDefinition DigestAlgorithm                = new("Digest-Algorithm",                 111, Ietf, UTF8String,       M,    "RFC 4740 9.5.8");
    public static readonly AvpDefinition DigestHa1                      = new("Digest-HA1",                       121, Ietf, UTF8String,       M,    "RFC 4740 9.5.18");
}
