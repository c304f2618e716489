using Ims.Diameter.Messages;

namespace Ims.Diameter.Dictionary;

/// <summary>
/// One dictionary row: an AVP's name, code, vendor, data format and the flags its spec says it
/// is sent with, plus the spec section the row comes from (like a row of freeDiameter's CSV
/// dictionaries). <see cref="Flags"/> is what we set when sending; <see cref="MayBeMandatory"/>
/// says whether a peer may send it with M.
/// </summary>
public sealed record AvpDefinition(string Name, uint Code, uint VendorId, AvpType Type, DiameterAvpFlags Flags, string Spec)
{
    public bool IsGrouped => Type == AvpType.Grouped;

    /// <summary>The fixed value size of the type, or null when it varies (RFC 6733 4.2).</summary>
    public int? FixedLength => Type switch
    {
        AvpType.Integer32 or AvpType.Unsigned32 or AvpType.Float32 or AvpType.Enumerated or AvpType.Time => 4,
        AvpType.Integer64 or AvpType.Unsigned64 or AvpType.Float64 => 8,
        _ => null,
    };

    public override string ToString() => VendorId == 0 ? $"{Name}({Code})" : $"{Name}({Code}/{VendorId})";
}
