using System.Buffers.Binary;
using System.Text;
using Ims.Diameter.Values;

namespace Ims.Diameter.Messages;

/// <summary>
/// One AVP (RFC 6733 4.1). A decoded AVP keeps its value bytes as a slice of the message buffer
/// (one copy per message); a grouped AVP (RFC 6733 4.4) also carries its decoded children, and
/// those children are what the encoder writes.
/// </summary>
public sealed class DiameterAvp
{
    private static readonly DiameterAvp[] NoChildren = [];

    public DiameterAvp(uint code, DiameterAvpFlags flags, uint vendorId, ReadOnlyMemory<byte> data)
    {
        Code = code;
        Flags = NormaliseVendorFlag(flags, vendorId);
        VendorId = vendorId;
        Data = data;
        Children = NoChildren;
    }

    public DiameterAvp(uint code, DiameterAvpFlags flags, uint vendorId, IReadOnlyList<DiameterAvp> children, ReadOnlyMemory<byte> data = default)
    {
        ArgumentNullException.ThrowIfNull(children);
        Code = code;
        Flags = NormaliseVendorFlag(flags, vendorId);
        VendorId = vendorId;
        Data = data;
        Children = children;
        IsGrouped = true;
    }

    public uint Code { get; }

    public DiameterAvpFlags Flags { get; }

    /// <summary>0 when the V bit is clear (RFC 6733 4.1.1: IETF AVPs carry no vendor id).</summary>
    public uint VendorId { get; }

    /// <summary>The value bytes without padding. For a grouped AVP built in code this is empty: read <see cref="Children"/>.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    public IReadOnlyList<DiameterAvp> Children { get; }

    public bool IsGrouped { get; }

    public bool IsMandatory => (Flags & DiameterAvpFlags.Mandatory) != 0;

    public bool IsVendorSpecific => (Flags & DiameterAvpFlags.VendorSpecific) != 0;

    /// <summary>The AVP header size: 8, or 12 with a vendor id (RFC 6733 4.1).</summary>
    public int HeaderSize => IsVendorSpecific ? 12 : 8;

    public string GetString() => Encoding.UTF8.GetString(Data.Span);

    public bool TryGetUnsigned32(out uint value) => TryRead(4, out value, static s => BinaryPrimitives.ReadUInt32BigEndian(s));

    public bool TryGetInteger32(out int value) => TryRead(4, out value, static s => BinaryPrimitives.ReadInt32BigEndian(s));

    public bool TryGetUnsigned64(out ulong value) => TryRead(8, out value, static s => BinaryPrimitives.ReadUInt64BigEndian(s));

    public bool TryGetInteger64(out long value) => TryRead(8, out value, static s => BinaryPrimitives.ReadInt64BigEndian(s));

    public bool TryGetFloat32(out float value) => TryRead(4, out value, static s => BinaryPrimitives.ReadSingleBigEndian(s));

    public bool TryGetFloat64(out double value) => TryRead(8, out value, static s => BinaryPrimitives.ReadDoubleBigEndian(s));

    public bool TryGetTime(out DateTimeOffset value)
    {
        var ok = TryGetUnsigned32(out var seconds);
        value = ok ? DiameterTime.FromNtpSeconds(seconds) : default;
        return ok;
    }

    public bool TryGetAddress(out DiameterAddress value) => DiameterAddress.TryRead(Data.Span, out value);

    /// <summary>The first child with this code and vendor, or null.</summary>
    public DiameterAvp? Find(uint code, uint vendorId = 0) => FindIn(Children, code, vendorId);

    internal static DiameterAvp? FindIn(IReadOnlyList<DiameterAvp> avps, uint code, uint vendorId)
    {
        for (var i = 0; i < avps.Count; i++)
        {
            if (avps[i].Code == code && avps[i].VendorId == vendorId)
            {
                return avps[i];
            }
        }

        return null;
    }

    public override string ToString() => $"AVP {Code}{(VendorId != 0 ? $"/{VendorId}" : "")} flags={Flags}";

    private delegate T SpanReader<T>(ReadOnlySpan<byte> span);

    private bool TryRead<T>(int size, out T value, SpanReader<T> read)
    {
        if (IsGrouped || Data.Length != size)
        {
            value = default!;
            return false;
        }

        value = read(Data.Span);
        return true;
    }

    // The V bit and a non-zero vendor id go together (RFC 6733 4.1); keep them consistent so the encoder cannot emit a lie.
    private static DiameterAvpFlags NormaliseVendorFlag(DiameterAvpFlags flags, uint vendorId) =>
        vendorId != 0 ? flags | DiameterAvpFlags.VendorSpecific : flags;
}
