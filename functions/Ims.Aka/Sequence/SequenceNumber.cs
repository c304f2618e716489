using System.Buffers.Binary;
using System.Globalization;
using Ims.Aka.Hex;

namespace Ims.Aka.Sequence;

/// <summary>
/// A 48-bit SQN split as TS 33.102 C.1.1 and C.3.2 recommend: SQN = SEQ (43 bits) || IND (5 bits).
/// SEQ orders vectors; IND picks the slot of the USIM's SEQ array that the vector is checked against,
/// so vectors handed to several serving nodes may be used out of order.
/// </summary>
public readonly record struct SequenceNumber
{
    public const int Length = 6;
    public const int IndBits = 5;
    public const int SeqBits = 43;
    public const ulong MaxValue = (1UL << (SeqBits + IndBits)) - 1;
    public const ulong MaxSeq = (1UL << SeqBits) - 1;
    public const int IndCount = 1 << IndBits;

    private SequenceNumber(ulong value) => Value = value;

    /// <summary>The whole 48-bit SQN.</summary>
    public ulong Value { get; }

    /// <summary>The sequence part (the upper 43 bits).</summary>
    public ulong Seq => Value >> IndBits;

    /// <summary>The index part (the lower 5 bits).</summary>
    public int Ind => (int)(Value & (IndCount - 1));

    public static SequenceNumber FromValue(ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxValue);
        return new SequenceNumber(value);
    }

    public static SequenceNumber FromParts(ulong seq, int ind)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seq, MaxSeq);
        ArgumentOutOfRangeException.ThrowIfNegative(ind);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ind, IndCount);
        return new SequenceNumber((seq << IndBits) | (uint)ind);
    }

    /// <summary>Reads the 6-byte big-endian form used in AUTN, AUTS and Milenage f1.</summary>
    public static SequenceNumber FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"SQN must be {Length} bytes, got {bytes.Length}", nameof(bytes));
        }

        Span<byte> padded = stackalloc byte[8];
        bytes.CopyTo(padded[2..]);
        return new SequenceNumber(BinaryPrimitives.ReadUInt64BigEndian(padded));
    }

    /// <summary>Reads 12 hex digits (an operator's or a table's SQN); bad text is a typed failure.</summary>
    public static AkaResult<SequenceNumber, HexError> Parse(string? hex, string name = "SQN")
    {
        var bytes = HexField.Parse(name, hex, Length);
        return bytes.Succeeded
            ? AkaResult<SequenceNumber, HexError>.Success(FromBytes(bytes.Value))
            : AkaResult<SequenceNumber, HexError>.Failure(bytes.Reason, bytes.Message);
    }

    public void WriteTo(Span<byte> destination)
    {
        Span<byte> padded = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(padded, Value);
        padded[2..].CopyTo(destination[..Length]);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>12 lower-case hex digits, the form HSS tables and operators use.</summary>
    public override string ToString() => Value.ToString("x12", CultureInfo.InvariantCulture);
}
