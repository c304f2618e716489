using System.Buffers.Binary;
using System.Text;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Diameter.Building;

/// <summary>
/// Adds AVPs by dictionary row, so code reads like the command's CCF:
/// <c>message.Add(Avps.SessionId, id).Add(Avps.SipAuthDataItem, item => item.Add(...))</c>.
/// The row gives code, vendor and flags; a value of the wrong type for the row is a programmer
/// error and throws.
/// </summary>
public abstract class AvpListBuilder<TSelf>
    where TSelf : AvpListBuilder<TSelf>
{
    private readonly List<DiameterAvp> _avps = [];

    protected IReadOnlyList<DiameterAvp> Avps => _avps;

    /// <summary>UTF8String, DiameterIdentity, DiameterURI, IPFilterRule, or OctetString as UTF-8 text.</summary>
    public TSelf Add(AvpDefinition definition, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Expect(definition, AvpType.UTF8String, AvpType.DiameterIdentity, AvpType.DiameterURI, AvpType.IPFilterRule, AvpType.OctetString);
        return AddRaw(definition, Encoding.UTF8.GetBytes(value));
    }

    /// <summary>OctetString (or any non-grouped type, written as given).</summary>
    public TSelf Add(AvpDefinition definition, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.IsGrouped)
        {
            throw new ArgumentException($"{definition.Name} is Grouped: add its children", nameof(definition));
        }

        return AddRaw(definition, value.ToArray());
    }

    /// <summary>Unsigned32 or Enumerated, or Unsigned64 widened.</summary>
    public TSelf Add(AvpDefinition definition, uint value)
    {
        Expect(definition, AvpType.Unsigned32, AvpType.Enumerated, AvpType.Unsigned64);
        return definition.Type == AvpType.Unsigned64 ? Add(definition, (ulong)value) : AddRaw(definition, BigEndian32(value));
    }

    /// <summary>Integer32 or Enumerated (RFC 6733 4.3.1: Enumerated is derived from Integer32), or Integer64 widened.</summary>
    public TSelf Add(AvpDefinition definition, int value)
    {
        Expect(definition, AvpType.Integer32, AvpType.Enumerated, AvpType.Integer64);
        return definition.Type == AvpType.Integer64 ? Add(definition, (long)value) : AddRaw(definition, BigEndian32(unchecked((uint)value)));
    }

    public TSelf Add(AvpDefinition definition, ulong value)
    {
        Expect(definition, AvpType.Unsigned64);
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return AddRaw(definition, bytes);
    }

    public TSelf Add(AvpDefinition definition, long value)
    {
        Expect(definition, AvpType.Integer64);
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return AddRaw(definition, bytes);
    }

    public TSelf Add(AvpDefinition definition, float value)
    {
        Expect(definition, AvpType.Float32);
        var bytes = new byte[4];
        BinaryPrimitives.WriteSingleBigEndian(bytes, value);
        return AddRaw(definition, bytes);
    }

    public TSelf Add(AvpDefinition definition, double value)
    {
        Expect(definition, AvpType.Float64);
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        return AddRaw(definition, bytes);
    }

    public TSelf Add(AvpDefinition definition, DateTimeOffset value)
    {
        Expect(definition, AvpType.Time);
        return AddRaw(definition, BigEndian32(DiameterTime.ToNtpSeconds(value)));
    }

    public TSelf Add(AvpDefinition definition, DiameterAddress value)
    {
        Expect(definition, AvpType.Address);
        var bytes = new byte[value.EncodedLength];
        value.WriteTo(bytes);
        return AddRaw(definition, bytes);
    }

    /// <summary>A grouped AVP (RFC 6733 4.4); <paramref name="children"/> adds its members, which may be grouped in turn.</summary>
    public TSelf Add(AvpDefinition definition, Action<GroupedAvpBuilder> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        Expect(definition, AvpType.Grouped);
        var group = new GroupedAvpBuilder();
        children(group);
        return Add(new DiameterAvp(definition.Code, definition.Flags, definition.VendorId, group.Build()));
    }

    /// <summary>An AVP as it is, e.g. one copied from a request or of a row this dictionary lacks.</summary>
    public TSelf Add(DiameterAvp avp)
    {
        ArgumentNullException.ThrowIfNull(avp);
        _avps.Add(avp);
        return (TSelf)this;
    }

    private TSelf AddRaw(AvpDefinition definition, byte[] value) =>
        Add(new DiameterAvp(definition.Code, definition.Flags, definition.VendorId, value));

    private static void Expect(AvpDefinition definition, params ReadOnlySpan<AvpType> allowed)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!allowed.Contains(definition.Type))
        {
            throw new ArgumentException($"{definition.Name} is {definition.Type}, not {string.Join(" or ", allowed.ToArray())}", nameof(definition));
        }
    }

    private static byte[] BigEndian32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
