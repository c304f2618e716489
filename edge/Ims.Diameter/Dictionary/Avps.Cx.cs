using static Ims.Diameter.Dictionary.AvpType;

namespace Ims.Diameter.Dictionary;

public static partial class Avps
{
    // Cx/Dx, TS 29.229 6.3 (vendor 10415).                   name                             code vendor type              flags spec
    public static readonly AvpDefinition VisitedNetworkIdentifier       = new("Visited-Network-Identifier",       600, Tgpp, OctetString,      VM,   "TS 29.229 6.3.1");
    public static readonly AvpDefinition PublicIdentity                 = new("Public-Identity",                  601, Tgpp, UTF8String,       VM,   "TS 29.229 6.3.2");
    public static readonly AvpDefinition ServerName                     = new("Server-Name",                      602, Tgpp, UTF8String,       VM,   "TS 29.229 6.3.3");
    public static readonly AvpDefinition ServerCapabilities             = new("Server-Capabilities",              603, Tgpp, Grouped,          VM,   "TS 29.229 6.3.4");
    public static readonly AvpDefinition MandatoryCapability            = new("Mandatory-Capability",             604, Tgpp, Unsigned32,       VM,   "TS 29.229 6.3.5");
    public static readonly AvpDefinition OptionalCapability             = new("Optional-Capability",              605, Tgpp, Unsigned32,       VM,   "TS 29.229 6.3.6");
    public static readonly AvpDefinition UserData                       = new("User-Data",                        606, Tgpp, OctetString,      VM,   "TS 29.229 6.3.7");
    public static readonly AvpDefinition SipNumberAuthItems             = new("SIP-Number-Auth-Items",            607, Tgpp, Unsigned32,       VM,   "TS 29.229 6.3.8");
    public static readonly AvpDefinition SipAuthenticationScheme        = new("SIP-Authentication-Scheme",        608, Tgpp, UTF8String,       VM,   "TS 29.229 6.3.9");
    public static readonly AvpDefinition SipAuthenticate                = new("SIP-Authenticate",                 609, Tgpp, OctetString,      VM,   "TS 29.229 6.3.10");
    public static readonly AvpDefinition SipAuthorization               = new("SIP-Authorization",                610, Tgpp, OctetString,      VM,   "TS 29.229 6.3.11");
    public static readonly AvpDefinition SipAuthenticationContext       = new("SIP-Authentication-Context",       611, Tgpp, OctetString,      VM,   "TS 29.229 6.3.12");
    public static readonly AvpDefinition SipAuthDataItem                = new("SIP-Auth-Data-Item",               612, Tgpp, Grouped,          VM,   "TS 29.229 6.3.13");
    public static readonly AvpDefinition SipItemNumber                  = new("SIP-Item-Number",                  613, Tgpp, Unsigned32,       VM,   "TS 29.229 6.3.14");
    public static readonly AvpDefinition ServerAssignmentType           = new("Server-Assignment-Type",           614, Tgpp, Enumerated,       VM,   "TS 29.229 6.3.15");
    public static readonly AvpDefinition DeregistrationReason           = new("Deregistration-Reason",            615, Tgpp, Grouped,          VM,   "TS 29.229 6.3.16");
    public static readonly AvpDefinition ReasonCode                     = new("Reason-Code",                      616, Tgpp, Enumerated,       VM,   "TS 29.229 6.3.17");
    public static readonly AvpDefinition ReasonInfo                     = new("Reason-Info",                      617, Tgpp, UTF8String,       VM,   "TS 29.229 6.3.18");
    public static readonly AvpDefinition ChargingInformation            = new("Charging-Information",             618, Tgpp, Grouped,          VM,   "TS 29.229 6.3.19");
    public static readonly AvpDefinition PrimaryEventChargingFunctionName = new("Primary-Event-Charging-Function-Name", 619, Tgpp, DiameterURI,  VM,   "TS 29.229 6.3.20");
    public static readonly AvpDefinition SecondaryEventChargingFunctionName = new("Secondary-Event-Charging-Function-Name", 620, Tgpp, DiameterURI, VM, "TS 29.229 6.3.21");
    public static readonly AvpDefinition PrimaryChargingCollectionFunctionName = new("Primary-Charging-Collection-Function-Name", 621, Tgpp, DiameterURI, VM, "TS 29.229 6.3.22");
    public static readonly AvpDefinition SecondaryChargingCollectionFunctionName = new("Secondary-Charging-Collection-Function-Name", 622, Tgpp, DiameterURI, VM, "TS 29.229 6.3.23");
    public static readonly AvpDefinition UserAuthorizationType          = new("User-Authorization-Type",          623, Tgpp, Enumerated,       VM,   "TS 29.229 6.3.24");
    public static readonly AvpDefinition UserDataAlreadyAvailable       = new("User-Data-Already-Available",      624, Tgpp, Enumerated,       VM,   "TS 29.229 6.3.26");
    public static readonly AvpDefinition ConfidentialityKey             = new("Confidentiality-Key",              625, Tgpp, OctetString,      VM,   "TS 29.229 6.3.27");
    public static readonly AvpDefinition IntegrityKey                   = new("Integrity-Key",                    626, Tgpp, OctetString,      VM,   "TS 29.229 6.3.28");
    public static readonly AvpDefinition SupportedFeatures              = new("Supported-Features",               628, Tgpp, Grouped,          V,    "TS 29.229 6.3.29");
    public static readonly AvpDefinition FeatureListId                  = new("Feature-List-ID",                  629, Tgpp, Unsigned32,       V,    "TS 29.229 6.3.30");
    public static readonly AvpDefinition FeatureList                    = new("Feature-List",                     630, Tgpp, Unsigned32,       V,    "TS 29.229 6.3.31");
    public static readonly AvpDefinition SupportedApplications          = new("Supported-Applications",           631, Tgpp, Grouped,          V,    "TS 29.229 6.3.32");
    public static readonly AvpDefinition AssociatedIdentities           = new("Associated-Identities",            632, Tgpp, Grouped,          V,    "TS 29.229 6.3.33");
    public static readonly AvpDefinition OriginatingRequest             = new("Originating-Request",              633, Tgpp, Enumerated,       VM,   "TS 29.229 6.3.34");
    public static readonly AvpDefinition WildcardedPsi                  = new("Wildcarded-PSI",                   634, Tgpp, UTF8String,       V,    "TS 29.229 6.3.35");
    public static readonly AvpDefinition SipDigestAuthenticate          = new("SIP-Digest-Authenticate",          635, Tgpp, Grouped,          V,    "TS 29.229 6.3.36");
    public static readonly AvpDefinition WildcardedImpu                 = new("Wildcarded-IMPU",                  636, Tgpp, UTF8String,       V,    "TS 29.229 6.3.43");
    public static readonly AvpDefinition UarFlags                       = new("UAR-Flags",                        637, Tgpp, Unsigned32,       V,    "TS 29.229 6.3.44");
    public static readonly AvpDefinition LooseRouteIndication           = new("Loose-Route-Indication",           638, Tgpp, Enumerated,       V,    "TS 29.229 6.3.45");
    public static readonly AvpDefinition ScscfRestorationInfo           = new("SCSCF-Restoration-Info",           639, Tgpp, Grouped,          V,    "TS 29.229 6.3.46");
    public static readonly AvpDefinition Path                           = new("Path",                             640, Tgpp, OctetString,      V,    "TS 29.229 6.3.47");
    public static readonly AvpDefinition Contact                        = new("Contact",                          641, Tgpp, OctetString,      V,    "TS 29.229 6.3.48");
    public static readonly AvpDefinition SubscriptionInfo               = new("Subscription-Info",                642, Tgpp, Grouped,          V,    "TS 29.229 6.3.49");
    public static readonly AvpDefinition CallIdSipHeader                = new("Call-ID-SIP-Header",               643, Tgpp, OctetString,      V,    "TS 29.229 6.3.49.1");
    public static readonly AvpDefinition FromSipHeader                  = new("From-SIP-Header",                  644, Tgpp, OctetString,      V,    "TS 29.229 6.3.49.2");
    public static readonly AvpDefinition ToSipHeader                    = new("To-SIP-Header",                    645, Tgpp, OctetString,      V,    "TS 29.229 6.3.49.3");
    public static readonly AvpDefinition RecordRoute                    = new("Record-Route",                     646, Tgpp, OctetString,      V,    "TS 29.229 6.3.49.4");
    public static readonly AvpDefinition AssociatedRegisteredIdentities = new("Associated-Registered-Identities", 647, Tgpp, Grouped,          V,    "TS 29.229 6.3.50");
    public static readonly AvpDefinition MultipleRegistrationIndication = new("Multiple-Registration-Indication", 648, Tgpp, Enumerated,       V,    "TS 29.229 6.3.51");
    public static readonly AvpDefinition RestorationInfo                = new("Restoration-Info",                 649, Tgpp, Grouped,          V,    "TS 29.229 6.3.52");
    public static readonly AvpDefinition SessionPriority                = new("Session-Priority",                 650, Tgpp, Enumerated,       V,    "TS 29.229 6.3.56");
    public static readonly AvpDefinition IdentityWithEmergencyRegistration = new("Identity-with-Emergency-Registration", 651, Tgpp, Grouped,    V,    "TS 29.229 6.3.57");
    public static readonly AvpDefinition PriviledgedSenderIndication    = new("Priviledged-Sender-Indication",    652, Tgpp, Enumerated,       V,    "TS 29.229 6.3.58");
    public static readonly AvpDefinition LiaFlags                       = new("LIA-Flags",                        653, Tgpp, Unsigned32,       V,    "TS 29.229 6.3.59");
    public static readonly AvpDefinition InitialCseqSequenceNumber      = new("Initial-CSeq-Sequence-Number",     654, Tgpp, Unsigned32,       V,    "TS 29.229 6.3.62");
    public static readonly AvpDefinition SarFlags                       = new("SAR-Flags",                        655, Tgpp, Unsigned32,       V,    "TS 29.229 6.3.60");
}
