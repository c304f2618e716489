using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Ims.Diameter.Values;

/// <summary>
/// The Address format (RFC 6733 4.3.1): a two-byte IANA address family followed by the address.
/// Kept as bytes here because the codec is pure and does not use System.Net.
/// </summary>
public readonly struct DiameterAddress : IEquatable<DiameterAddress>
{
    public const ushort FamilyIpv4 = 1;
    public const ushort FamilyIpv6 = 2;

    private readonly byte[]? _address;

    public DiameterAddress(ushort family, ReadOnlySpan<byte> address)
    {
        Family = family;
        _address = address.ToArray();
    }

    public ushort Family { get; }

    public ReadOnlySpan<byte> Address => _address;

    public int EncodedLength => 2 + (_address?.Length ?? 0);

    public static DiameterAddress Ipv4(byte a, byte b, byte c, byte d) => new(FamilyIpv4, [a, b, c, d]);

    /// <summary>Reads an AVP value; false when the family's address has the wrong size (DIAMETER_INVALID_AVP_VALUE).</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out DiameterAddress address)
    {
        address = default;
        if (data.Length < 2)
        {
            return false;
        }

        var family = BinaryPrimitives.ReadUInt16BigEndian(data);
        var body = data[2..];
        if ((family == FamilyIpv4 && body.Length != 4) || (family == FamilyIpv6 && body.Length != 16))
        {
            return false;
        }

        address = new DiameterAddress(family, body);
        return true;
    }

    /// <summary>Parses dotted IPv4 text ("127.0.0.1"); other forms are left to the caller.</summary>
    public static bool TryParseIpv4(string text, out DiameterAddress address)
    {
        address = default;
        var parts = text?.Split('.') ?? [];
        if (parts.Length != 4)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < 4; i++)
        {
            if (!byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        address = new DiameterAddress(FamilyIpv4, bytes);
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, Family);
        Address.CopyTo(destination[2..]);
    }

    public bool Equals(DiameterAddress other) => Family == other.Family && Address.SequenceEqual(other.Address);

    public override bool Equals(object? obj) => obj is DiameterAddress other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Family);
        hash.AddBytes(Address);
        return hash.ToHashCode();
    }

    public static bool operator ==(DiameterAddress left, DiameterAddress right) => left.Equals(right);

    public static bool operator !=(DiameterAddress left, DiameterAddress right) => !left.Equals(right);

    public override string ToString()
    {
        var bytes = Address;
        if (Family == FamilyIpv4 && bytes.Length == 4)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes[0]}.{bytes[1]}.{bytes[2]}.{bytes[3]}");
        }

        if (Family == FamilyIpv6 && bytes.Length == 16)
        {
            var text = new StringBuilder();
            for (var i = 0; i < 16; i += 2)
            {
                if (i > 0)
                {
                    text.Append(':');
                }

                text.Append(BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]).ToString("x", CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }

        return string.Create(CultureInfo.InvariantCulture, $"family {Family} 0x{Convert.ToHexStringLower(bytes)}");
    }
}
