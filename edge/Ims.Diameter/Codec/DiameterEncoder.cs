using System.Buffers;
using System.Buffers.Binary;
using Ims.Diameter.Messages;

namespace Ims.Diameter.Codec;

/// <summary>
/// Encodes messages (RFC 6733 3, 4). Lengths are computed from the AVPs, grouped AVPs from their
/// children, and every AVP is padded to four bytes with zeros (RFC 6733 4.1).
/// </summary>
public static class DiameterEncoder
{
    private const int MaxLength = 0xFFFFFF;

    public static int GetEncodedLength(DiameterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var length = DiameterHeader.Size + ListLength(message.Avps);
        return length <= MaxLength ? length : throw new ArgumentException($"message of {length} bytes exceeds the 24-bit length field", nameof(message));
    }

    /// <summary>The AVP's length field: header plus value, without its own trailing padding.</summary>
    public static int GetAvpLength(DiameterAvp avp)
    {
        ArgumentNullException.ThrowIfNull(avp);
        return avp.HeaderSize + (avp.IsGrouped ? ListLength(avp.Children) : avp.Data.Length);
    }

    public static byte[] Encode(DiameterMessage message)
    {
        var bytes = new byte[GetEncodedLength(message)];
        Write(message, bytes);
        return bytes;
    }

    /// <summary>Writes the message to <paramref name="writer"/> and returns its length.</summary>
    public static int Encode(DiameterMessage message, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = GetEncodedLength(message);
        var span = writer.GetSpan(length)[..length];
        Write(message, span);
        writer.Advance(length);
        return length;
    }

    private static void Write(DiameterMessage message, Span<byte> destination)
    {
        var length = destination.Length;
        var header = message.Header;
        BinaryPrimitives.WriteUInt32BigEndian(destination, ((uint)DiameterHeader.Version << 24) | (uint)length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ((uint)header.Flags << 24) | (header.CommandCode & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], header.ApplicationId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], header.HopByHopId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], header.EndToEndId);
        WriteList(message.Avps, destination[DiameterHeader.Size..]);
    }

    private static int WriteList(IReadOnlyList<DiameterAvp> avps, Span<byte> destination)
    {
        var offset = 0;
        for (var i = 0; i < avps.Count; i++)
        {
            offset += WriteAvp(avps[i], destination[offset..]);
        }

        return offset;
    }

    private static int WriteAvp(DiameterAvp avp, Span<byte> destination)
    {
        var length = GetAvpLength(avp);
        var padded = Pad(length);
        BinaryPrimitives.WriteUInt32BigEndian(destination, avp.Code);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ((uint)avp.Flags << 24) | (uint)length);
        if (avp.IsVendorSpecific)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[8..], avp.VendorId);
        }

        var value = destination[avp.HeaderSize..];
        if (avp.IsGrouped)
        {
            WriteList(avp.Children, value);
        }
        else
        {
            avp.Data.Span.CopyTo(value);
        }

        destination[length..padded].Clear();
        return padded;
    }

    private static int ListLength(IReadOnlyList<DiameterAvp> avps)
    {
        var total = 0;
        for (var i = 0; i < avps.Count; i++)
        {
            var length = GetAvpLength(avps[i]);
            if (length > MaxLength)
            {
                throw new ArgumentException($"AVP {avps[i].Code} of {length} bytes exceeds the 24-bit length field");
            }

            total += Pad(length);
        }

        return total;
    }

    private static int Pad(int length) => (length + 3) & ~3;
}
