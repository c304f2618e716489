namespace Ims.Diameter.Dictionary;

/// <summary>AVP data formats: the basic ones of RFC 6733 4.2 and the derived ones of 4.3 (plus IPFilterRule, 4.3.1).</summary>
public enum AvpType
{
    OctetString,
    Integer32,
    Integer64,
    Unsigned32,
    Unsigned64,
    Float32,
    Float64,
    Grouped,
    Address,
    Time,
    UTF8String,
    DiameterIdentity,
    DiameterURI,
    Enumerated,
    IPFilterRule,
}
