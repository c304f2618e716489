using Ims.Aka.Milenage;

namespace Ims.Aka.Sequence;

/// <summary>
/// The resynchronisation token AUTS = (SQN_MS xor AK*) || MAC-S (TS 33.102 6.3.3), 14 bytes, where
/// AK* = f5*(RAND) and MAC-S = f1*(SQN_MS || RAND || AMF*) with the dummy AMF* = 0x0000.
/// The network side only reads it (<see cref="Resynchronisation"/>); building it is what a UE does,
/// which a simulated UE and the tests need.
/// </summary>
public static class Auts
{
    public const int Length = SequenceNumber.Length + MilenageAlgorithm.MacLength;

    /// <summary>TS 33.102 6.3.3: "the dummy value of all zeros" for AMF in MAC-S.</summary>
    internal static ReadOnlySpan<byte> ResynchronisationAmf => [0x00, 0x00];

    public static byte[] Compose(MilenageAlgorithm milenage, ReadOnlySpan<byte> rand, SequenceNumber sqnMs)
    {
        ArgumentNullException.ThrowIfNull(milenage);
        var sqn = sqnMs.ToBytes();
        var akStar = milenage.F5Star(rand);
        var macS = milenage.F1Star(rand, sqn, ResynchronisationAmf);

        var auts = new byte[Length];
        for (var i = 0; i < SequenceNumber.Length; i++)
        {
            auts[i] = (byte)(sqn[i] ^ akStar[i]);
        }

        macS.CopyTo(auts.AsSpan(SequenceNumber.Length));
        return auts;
    }

    /// <summary>The auts parameter of a SIP Authorization header: base64 of the 14 bytes (RFC 3310 3.4).</summary>
    public static string Encode(ReadOnlySpan<byte> auts)
    {
        if (auts.Length != Length)
        {
            throw new ArgumentException($"AUTS must be {Length} bytes, got {auts.Length}", nameof(auts));
        }

        return Convert.ToBase64String(auts);
    }

    /// <summary>Reads the auts parameter a UE sent; anything but base64 of 14 bytes is a typed failure.</summary>
    public static AkaResult<byte[], ResynchronisationError> Decode(string? auts)
    {
        var text = auts ?? string.Empty;
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written != Length)
        {
            return AkaResult<byte[], ResynchronisationError>.Failure(
                ResynchronisationError.MalformedAuts, $"auts must be base64 of {Length} bytes");
        }

        return AkaResult<byte[], ResynchronisationError>.Success(buffer[..Length]);
    }
}
