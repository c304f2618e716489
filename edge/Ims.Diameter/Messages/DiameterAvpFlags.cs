namespace Ims.Diameter.Messages;

/// <summary>AVP flags. RFC 6733 4.1: V (vendor id present), M (mandatory), P (reserved, was end-to-end security); the low five bits are reserved.</summary>
[Flags]
public enum DiameterAvpFlags : byte
{
    None = 0,
    Protected = 0x20,
    Mandatory = 0x40,
    VendorSpecific = 0x80,
}
