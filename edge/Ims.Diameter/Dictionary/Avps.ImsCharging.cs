using static Ims.Diameter.Dictionary.AvpType;

namespace Ims.Diameter.Dictionary;

public static partial class Avps
{
    // Offline/online charging for IMS, TS 32.299 7.2 (vendor 10415). The 7.2 sub-clauses are
    // alphabetical and renumbered between releases, so rows cite the clause, not the sub-clause.
    //                                                        name                             code vendor type              flags spec
    public static readonly AvpDefinition EventType                      = new("Event-Type",                       823, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition SipMethod                      = new("SIP-Method",                       824, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition Event                          = new("Event",                            825, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ContentType                    = new("Content-Type",                     826, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ContentLength                  = new("Content-Length",                   827, Tgpp, Unsigned32,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ContentDisposition             = new("Content-Disposition",              828, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition RoleOfNode                     = new("Role-Of-Node",                     829, Tgpp, Enumerated,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition UserSessionId                  = new("User-Session-Id",                  830, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition CallingPartyAddress            = new("Calling-Party-Address",            831, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition CalledPartyAddress             = new("Called-Party-Address",             832, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition TimeStamps                     = new("Time-Stamps",                      833, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition SipRequestTimestamp            = new("SIP-Request-Timestamp",            834, Tgpp, Time,             VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition SipResponseTimestamp           = new("SIP-Response-Timestamp",           835, Tgpp, Time,             VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ApplicationServer              = new("Application-Server",               836, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ApplicationProvidedCalledPartyAddress = new("Application-Provided-Called-Party-Address", 837, Tgpp, UTF8String, VM, "TS 32.299 7.2");
    public static readonly AvpDefinition InterOperatorIdentifier        = new("Inter-Operator-Identifier",        838, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition OriginatingIoi                 = new("Originating-IOI",                  839, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition TerminatingIoi                 = new("Terminating-IOI",                  840, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ImsChargingIdentifier          = new("IMS-Charging-Identifier",          841, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition SdpSessionDescription          = new("SDP-Session-Description",          842, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition SdpMediaComponent              = new("SDP-Media-Component",              843, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition SdpMediaName                   = new("SDP-Media-Name",                   844, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition SdpMediaDescription            = new("SDP-Media-Description",            845, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ServedPartyIpAddress           = new("Served-Party-IP-Address",          848, Tgpp, Address,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ApplicationServerInformation   = new("Application-Server-Information",   850, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition TrunkGroupId                   = new("Trunk-Group-Id",                   851, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition IncomingTrunkGroupId           = new("Incoming-Trunk-Group-Id",          852, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition OutgoingTrunkGroupId           = new("Outgoing-Trunk-Group-Id",          853, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition BearerService                  = new("Bearer-Service",                   854, Tgpp, OctetString,      VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ServiceId                      = new("Service-Id",                       855, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition CauseCode                      = new("Cause-Code",                       861, Tgpp, Integer32,        VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition NodeFunctionality              = new("Node-Functionality",               862, Tgpp, Enumerated,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ServiceSpecificData            = new("Service-Specific-Data",            863, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition Originator                     = new("Originator",                       864, Tgpp, Enumerated,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition TimeQuotaThreshold             = new("Time-Quota-Threshold",             868, Tgpp, Unsigned32,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition VolumeQuotaThreshold           = new("Volume-Quota-Threshold",           869, Tgpp, Unsigned32,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition TriggerType                    = new("Trigger-Type",                     870, Tgpp, Enumerated,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition QuotaHoldingTime               = new("Quota-Holding-Time",               871, Tgpp, Unsigned32,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ReportingReason                = new("Reporting-Reason",                 872, Tgpp, Enumerated,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ServiceInformation             = new("Service-Information",              873, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition PsInformation                  = new("PS-Information",                   874, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ImsInformation                 = new("IMS-Information",                  876, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition QuotaConsumptionTime           = new("Quota-Consumption-Time",           881, Tgpp, Unsigned32,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition MediaInitiatorFlag             = new("Media-Initiator-Flag",             882, Tgpp, Enumerated,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition MessageBody                    = new("Message-Body",                     889, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition UnitQuotaThreshold             = new("Unit-Quota-Threshold",            1226, Tgpp, Unsigned32,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ServiceSpecificInfo            = new("Service-Specific-Info",           1249, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition CalledAssertedIdentity         = new("Called-Asserted-Identity",        1250, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition RequestedPartyAddress          = new("Requested-Party-Address",         1251, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ServiceSpecificType            = new("Service-Specific-Type",           1257, Tgpp, Unsigned32,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition EventChargingTimeStamp         = new("Event-Charging-TimeStamp",        1258, Tgpp, Time,             VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition AccessNetworkInformation       = new("Access-Network-Information",      1263, Tgpp, OctetString,      VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition Trigger                        = new("Trigger",                         1264, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition EarlyMediaDescription          = new("Early-Media-Description",         1272, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition SdpTimeStamps                  = new("SDP-TimeStamps",                  1273, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition SdpOfferTimestamp              = new("SDP-Offer-Timestamp",             1274, Tgpp, Time,             VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition SdpAnswerTimestamp             = new("SDP-Answer-Timestamp",            1275, Tgpp, Time,             VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition AlternateChargedPartyAddress   = new("Alternate-Charged-Party-Address", 1280, Tgpp, UTF8String,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition ImsCommunicationServiceIdentifier = new("IMS-Communication-Service-Identifier", 1281, Tgpp, UTF8String, VM, "TS 32.299 7.2");
    public static readonly AvpDefinition LowBalanceIndication           = new("Low-Balance-Indication",          2020, Tgpp, Enumerated,       VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition RemainingBalance               = new("Remaining-Balance",               2021, Tgpp, Grouped,          VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition CarrierSelectRoutingInformation = new("Carrier-Select-Routing-Information", 2023, Tgpp, UTF8String,   VM,   "TS 32.299 7.2");
    public static readonly AvpDefinition NumberPortabilityRoutingInformation = new("Number-Portability-Routing-Information", 2024, Tgpp, UTF8String, VM, "TS 32.299 7.2");
    public static readonly AvpDefinition SdpType                        = new("SDP-Type",                        2036, Tgpp, Enumerated,       VM,   "TS 32.299 7.2");
}
