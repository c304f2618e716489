namespace Ims.Diameter.Messages;

/// <summary>Command flags of the Diameter header. RFC 6733 3: R, P, E, T; the low four bits are reserved.</summary>
[Flags]
public enum DiameterCommandFlags : byte
{
    None = 0,
    Retransmitted = 0x10,
    Error = 0x20,
    Proxiable = 0x40,
    Request = 0x80,
}
