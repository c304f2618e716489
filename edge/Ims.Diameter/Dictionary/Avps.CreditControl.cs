using static Ims.Diameter.Dictionary.AvpType;

namespace Ims.Diameter.Dictionary;

public static partial class Avps
{
    // Credit control, RFC 4006 8 (IETF AVPs).                name                             code vendor type              flags spec
    public static readonly AvpDefinition CcCorrelationId                = new("CC-Correlation-Id",                411, Ietf, OctetString,      None, "RFC 4006 8.1");
    public static readonly AvpDefinition CcInputOctets                  = new("CC-Input-Octets",                  412, Ietf, Unsigned64,       M,    "RFC 4006 8.24");
    public static readonly AvpDefinition CcMoney                        = new("CC-Money",                         413, Ietf, Grouped,          M,    "RFC 4006 8.22");
    public static readonly AvpDefinition CcOutputOctets                 = new("CC-Output-Octets",                 414, Ietf, Unsigned64,       M,    "RFC 4006 8.25");
    public static readonly AvpDefinition CcRequestNumber                = new("CC-Request-Number",                415, Ietf, Unsigned32,       M,    "RFC 4006 8.2");
    public static readonly AvpDefinition CcRequestType                  = new("CC-Request-Type",                  416, Ietf, Enumerated,       M,    "RFC 4006 8.3");
    public static readonly AvpDefinition CcServiceSpecificUnits         = new("CC-Service-Specific-Units",        417, Ietf, Unsigned64,       M,    "RFC 4006 8.26");
    public static readonly AvpDefinition CcSessionFailover              = new("CC-Session-Failover",              418, Ietf, Enumerated,       M,    "RFC 4006 8.4");
    public static readonly AvpDefinition CcSubSessionId                 = new("CC-Sub-Session-Id",                419, Ietf, Unsigned64,       M,    "RFC 4006 8.5");
    public static readonly AvpDefinition CcTime                         = new("CC-Time",                          420, Ietf, Unsigned32,       M,    "RFC 4006 8.21");
    public static readonly AvpDefinition CcTotalOctets                  = new("CC-Total-Octets",                  421, Ietf, Unsigned64,       M,    "RFC 4006 8.23");
    public static readonly AvpDefinition CheckBalanceResult             = new("Check-Balance-Result",             422, Ietf, Enumerated,       M,    "RFC 4006 8.6");
    public static readonly AvpDefinition CostInformation                = new("Cost-Information",                 423, Ietf, Grouped,          M,    "RFC 4006 8.7");
    public static readonly AvpDefinition CostUnit                       = new("Cost-Unit",                        424, Ietf, UTF8String,       M,    "RFC 4006 8.12");
    public static readonly AvpDefinition CurrencyCode                   = new("Currency-Code",                    425, Ietf, Unsigned32,       M,    "RFC 4006 8.11");
    public static readonly AvpDefinition CreditControl                  = new("Credit-Control",                   426, Ietf, Enumerated,       M,    "RFC 4006 8.13");
    public static readonly AvpDefinition CreditControlFailureHandling   = new("Credit-Control-Failure-Handling",  427, Ietf, Enumerated,       M,    "RFC 4006 8.14");
    public static readonly AvpDefinition DirectDebitingFailureHandling  = new("Direct-Debiting-Failure-Handling", 428, Ietf, Enumerated,       M,    "RFC 4006 8.15");
    public static readonly AvpDefinition Exponent                       = new("Exponent",                         429, Ietf, Integer32,        M,    "RFC 4006 8.9");
    public static readonly AvpDefinition FinalUnitIndication            = new("Final-Unit-Indication",            430, Ietf, Grouped,          M,    "RFC 4006 8.34");
    public static readonly AvpDefinition GrantedServiceUnit             = new("Granted-Service-Unit",             431, Ietf, Grouped,          M,    "RFC 4006 8.17");
    public static readonly AvpDefinition RatingGroup                    = new("Rating-Group",                     432, Ietf, Unsigned32,       M,    "RFC 4006 8.29");
    public static readonly AvpDefinition RedirectAddressType            = new("Redirect-Address-Type",            433, Ietf, Enumerated,       M,    "RFC 4006 8.38");
    public static readonly AvpDefinition RedirectServer                 = new("Redirect-Server",                  434, Ietf, Grouped,          M,    "RFC 4006 8.37");
    public static readonly AvpDefinition RedirectServerAddress          = new("Redirect-Server-Address",          435, Ietf, UTF8String,       M,    "RFC 4006 8.39");
    public static readonly AvpDefinition RequestedAction                = new("Requested-Action",                 436, Ietf, Enumerated,       M,    "RFC 4006 8.41");
    public static readonly AvpDefinition RequestedServiceUnit           = new("Requested-Service-Unit",           437, Ietf, Grouped,          M,    "RFC 4006 8.18");
    public static readonly AvpDefinition RestrictionFilterRule          = new("Restriction-Filter-Rule",          438, Ietf, IPFilterRule,     M,    "RFC 4006 8.36");
    public static readonly AvpDefinition ServiceIdentifier              = new("Service-Identifier",               439, Ietf, Unsigned32,       M,    "RFC 4006 8.28");
    public static readonly AvpDefinition ServiceParameterInfo           = new("Service-Parameter-Info",           440, Ietf, Grouped,          None, "RFC 4006 8.43");
    public static readonly AvpDefinition ServiceParameterType           = new("Service-Parameter-Type",           441, Ietf, Unsigned32,       None, "RFC 4006 8.44");
    public static readonly AvpDefinition ServiceParameterValue          = new("Service-Parameter-Value",          442, Ietf, OctetString,      None, "RFC 4006 8.45");
    public static readonly AvpDefinition SubscriptionId                 = new("Subscription-Id",                  443, Ietf, Grouped,          M,    "RFC 4006 8.46");
    public static readonly AvpDefinition SubscriptionIdData             = new("Subscription-Id-Data",             444, Ietf, UTF8String,       M,    "RFC 4006 8.48");
    public static readonly AvpDefinition UnitValue                      = new("Unit-Value",                       445, Ietf, Grouped,          M,    "RFC 4006 8.8");
    public static readonly AvpDefinition UsedServiceUnit                = new("Used-Service-Unit",                446, Ietf, Grouped,          M,    "RFC 4006 8.19");
    public static readonly AvpDefinition ValueDigits                    = new("Value-Digits",                     447, Ietf, Integer64,        M,    "RFC 4006 8.10");
    public static readonly AvpDefinition ValidityTime                   = new("Validity-Time",                    448, Ietf, Unsigned32,       M,    "RFC 4006 8.33");
    public static readonly AvpDefinition FinalUnitAction                = new("Final-Unit-Action",                449, Ietf, Enumerated,       M,    "RFC 4006 8.35");
    public static readonly AvpDefinition SubscriptionIdType             = new("Subscription-Id-Type",             450, Ietf, Enumerated,       M,    "RFC 4006 8.47");
    public static readonly AvpDefinition TariffTimeChange               = new("Tariff-Time-Change",               451, Ietf, Time,             M,    "RFC 4006 8.20");
    public static readonly AvpDefinition TariffChangeUsage              = new("Tariff-Change-Usage",              452, Ietf, Enumerated,       M,    "RFC 4006 8.27");
    public static readonly AvpDefinition GsuPoolIdentifier              = new("G-S-U-Pool-Identifier",            453, Ietf, Unsigned32,       M,    "RFC 4006 8.31");
    public static readonly AvpDefinition CcUnitType                     = new("CC-Unit-Type",                     454, Ietf, Enumerated,       M,    "RFC 4006 8.32");
    public static readonly AvpDefinition MultipleServicesIndicator      = new("Multiple-Services-Indicator",      455, Ietf, Enumerated,       M,    "RFC 4006 8.40");
    public static readonly AvpDefinition MultipleServicesCreditControl  = new("Multiple-Services-Credit-Control", 456, Ietf, Grouped,          M,    "RFC 4006 8.16");
    public static readonly AvpDefinition GsuPoolReference               = new("G-S-U-Pool-Reference",             457, Ietf, Grouped,          M,    "RFC 4006 8.30");
    public static readonly AvpDefinition UserEquipmentInfo              = new("User-Equipment-Info",              458, Ietf, Grouped,          None, "RFC 4006 8.49");
    public static readonly AvpDefinition UserEquipmentInfoType          = new("User-Equipment-Info-Type",         459, Ietf, Enumerated,       None, "RFC 4006 8.50");
    public static readonly AvpDefinition UserEquipmentInfoValue         = new("User-Equipment-Info-Value",        460, Ietf, OctetString,      None, "RFC 4006 8.51");
    public static readonly AvpDefinition ServiceContextId               = new("Service-Context-Id",               461, Ietf, UTF8String,       M,    "RFC 4006 8.42");
}
