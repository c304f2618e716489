using static Ims.Diameter.Dictionary.AvpType;

namespace Ims.Diameter.Dictionary;

public static partial class Avps
{
    // Rx, TS 29.214 5.3 (vendor 10415).                      name                             code vendor type              flags spec
    public static readonly AvpDefinition AbortCause                     = new("Abort-Cause",                      500, Tgpp, Enumerated,       VM,   "TS 29.214 5.3.1");
    public static readonly AvpDefinition AccessNetworkChargingAddress   = new("Access-Network-Charging-Address",  501, Tgpp, Address,          VM,   "TS 29.214 5.3.2");
    public static readonly AvpDefinition AccessNetworkChargingIdentifier = new("Access-Network-Charging-Identifier", 502, Tgpp, Grouped,       VM,   "TS 29.214 5.3.3");
    public static readonly AvpDefinition AccessNetworkChargingIdentifierValue = new("Access-Network-Charging-Identifier-Value", 503, Tgpp, OctetString, VM, "TS 29.214 5.3.4");
    public static readonly AvpDefinition AfApplicationIdentifier        = new("AF-Application-Identifier",        504, Tgpp, OctetString,      VM,   "TS 29.214 5.3.5");
    public static readonly AvpDefinition AfChargingIdentifier           = new("AF-Charging-Identifier",           505, Tgpp, OctetString,      VM,   "TS 29.214 5.3.6");
    public static readonly AvpDefinition FlowDescription                = new("Flow-Description",                 507, Tgpp, IPFilterRule,     VM,   "TS 29.214 5.3.8");
    public static readonly AvpDefinition FlowNumber                     = new("Flow-Number",                      509, Tgpp, Unsigned32,       VM,   "TS 29.214 5.3.9");
    public static readonly AvpDefinition Flows                          = new("Flows",                            510, Tgpp, Grouped,          VM,   "TS 29.214 5.3.10");
    public static readonly AvpDefinition FlowStatus                     = new("Flow-Status",                      511, Tgpp, Enumerated,       VM,   "TS 29.214 5.3.11");
    public static readonly AvpDefinition FlowUsage                      = new("Flow-Usage",                       512, Tgpp, Enumerated,       VM,   "TS 29.214 5.3.12");
    public static readonly AvpDefinition SpecificAction                 = new("Specific-Action",                  513, Tgpp, Enumerated,       VM,   "TS 29.214 5.3.13");
    public static readonly AvpDefinition MaxRequestedBandwidthDl        = new("Max-Requested-Bandwidth-DL",       515, Tgpp, Unsigned32,       VM,   "TS 29.214 5.3.14");
    public static readonly AvpDefinition MaxRequestedBandwidthUl        = new("Max-Requested-Bandwidth-UL",       516, Tgpp, Unsigned32,       VM,   "TS 29.214 5.3.15");
    public static readonly AvpDefinition MediaComponentDescription      = new("Media-Component-Description",      517, Tgpp, Grouped,          VM,   "TS 29.214 5.3.16");
    public static readonly AvpDefinition MediaComponentNumber           = new("Media-Component-Number",           518, Tgpp, Unsigned32,       VM,   "TS 29.214 5.3.17");
    public static readonly AvpDefinition MediaSubComponent              = new("Media-Sub-Component",              519, Tgpp, Grouped,          VM,   "TS 29.214 5.3.18");
    public static readonly AvpDefinition MediaType                      = new("Media-Type",                       520, Tgpp, Enumerated,       VM,   "TS 29.214 5.3.19");
    public static readonly AvpDefinition RrBandwidth                    = new("RR-Bandwidth",                     521, Tgpp, Unsigned32,       VM,   "TS 29.214 5.3.20");
    public static readonly AvpDefinition RsBandwidth                    = new("RS-Bandwidth",                     522, Tgpp, Unsigned32,       VM,   "TS 29.214 5.3.21");
    public static readonly AvpDefinition SipForkingIndication           = new("SIP-Forking-Indication",           523, Tgpp, Enumerated,       VM,   "TS 29.214 5.3.22");
    public static readonly AvpDefinition CodecData                      = new("Codec-Data",                       524, Tgpp, OctetString,      VM,   "TS 29.214 5.3.7");
    public static readonly AvpDefinition ServiceUrn                     = new("Service-URN",                      525, Tgpp, OctetString,      VM,   "TS 29.214 5.3.23");
    public static readonly AvpDefinition AcceptableServiceInfo          = new("Acceptable-Service-Info",          526, Tgpp, Grouped,          VM,   "TS 29.214 5.3.24");
    public static readonly AvpDefinition ServiceInfoStatus              = new("Service-Info-Status",              527, Tgpp, Enumerated,       VM,   "TS 29.214 5.3.25");
    public static readonly AvpDefinition MpsIdentifier                  = new("MPS-Identifier",                   528, Tgpp, OctetString,      V,    "TS 29.214 5.3.30");
    public static readonly AvpDefinition AfSignallingProtocol           = new("AF-Signalling-Protocol",           529, Tgpp, Enumerated,       V,    "TS 29.214 5.3.26");
    public static readonly AvpDefinition SponsoredConnectivityData      = new("Sponsored-Connectivity-Data",      530, Tgpp, Grouped,          V,    "TS 29.214 5.3.27");
    public static readonly AvpDefinition SponsorIdentity                = new("Sponsor-Identity",                 531, Tgpp, UTF8String,       V,    "TS 29.214 5.3.28");
    public static readonly AvpDefinition ApplicationServiceProviderIdentity = new("Application-Service-Provider-Identity", 532, Tgpp, UTF8String, V, "TS 29.214 5.3.29");
    public static readonly AvpDefinition RxRequestType                  = new("Rx-Request-Type",                  533, Tgpp, Enumerated,       V,    "TS 29.214 5.3.31");
    public static readonly AvpDefinition MinRequestedBandwidthDl        = new("Min-Requested-Bandwidth-DL",       534, Tgpp, Unsigned32,       V,    "TS 29.214 5.3.32");
    public static readonly AvpDefinition MinRequestedBandwidthUl        = new("Min-Requested-Bandwidth-UL",       535, Tgpp, Unsigned32,       V,    "TS 29.214 5.3.33");
    public static readonly AvpDefinition RequiredAccessInfo             = new("Required-Access-Info",             536, Tgpp, Enumerated,       V,    "TS 29.214 5.3.34");
    public static readonly AvpDefinition IpDomainId                     = new("IP-Domain-Id",                     537, Tgpp, OctetString,      V,    "TS 29.214 5.3.35");

    // Policy AVPs of TS 29.212 that Rx messages carry.
    public static readonly AvpDefinition QosInformation                 = new("QoS-Information",                 1016, Tgpp, Grouped,          VM,   "TS 29.212 5.3.16");
    public static readonly AvpDefinition IpCanType                      = new("IP-CAN-Type",                     1027, Tgpp, Enumerated,       VM,   "TS 29.212 5.3.27");
    public static readonly AvpDefinition RatType                        = new("RAT-Type",                        1032, Tgpp, Enumerated,       V,    "TS 29.212 5.3.31");
    public static readonly AvpDefinition AnGwAddress                    = new("AN-GW-Address",                   1050, Tgpp, Address,          V,    "TS 29.212 5.3.49");
}
