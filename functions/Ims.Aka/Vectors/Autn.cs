using Ims.Aka.Milenage;

namespace Ims.Aka.Vectors;

/// <summary>
/// The authentication token AUTN = (SQN xor AK) || AMF || MAC-A (TS 33.102 6.3.2), 16 bytes.
/// </summary>
public static class Autn
{
    public const int Length = MilenageAlgorithm.SqnLength + MilenageAlgorithm.AmfLength + MilenageAlgorithm.MacLength;

    /// <summary>Builds AUTN from its parts.</summary>
    public static byte[] Compose(ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> ak, ReadOnlySpan<byte> amf, ReadOnlySpan<byte> macA)
    {
        RequireLength(sqn, MilenageAlgorithm.SqnLength, nameof(sqn));
        RequireLength(ak, MilenageAlgorithm.AkLength, nameof(ak));
        RequireLength(amf, MilenageAlgorithm.AmfLength, nameof(amf));
        RequireLength(macA, MilenageAlgorithm.MacLength, nameof(macA));

        var autn = new byte[Length];
        for (var i = 0; i < MilenageAlgorithm.SqnLength; i++)
        {
            autn[i] = (byte)(sqn[i] ^ ak[i]);
        }

        amf.CopyTo(autn.AsSpan(MilenageAlgorithm.SqnLength));
        macA.CopyTo(autn.AsSpan(MilenageAlgorithm.SqnLength + MilenageAlgorithm.AmfLength));
        return autn;
    }

    /// <summary>The concealed SQN (SQN xor AK), the first 6 bytes.</summary>
    public static ReadOnlySpan<byte> ConcealedSqn(ReadOnlySpan<byte> autn) => Checked(autn)[..MilenageAlgorithm.SqnLength];

    /// <summary>AMF, bytes 6 and 7.</summary>
    public static ReadOnlySpan<byte> Amf(ReadOnlySpan<byte> autn) =>
        Checked(autn).Slice(MilenageAlgorithm.SqnLength, MilenageAlgorithm.AmfLength);

    /// <summary>MAC-A, the last 8 bytes.</summary>
    public static ReadOnlySpan<byte> MacA(ReadOnlySpan<byte> autn) =>
        Checked(autn)[(MilenageAlgorithm.SqnLength + MilenageAlgorithm.AmfLength)..];

    private static ReadOnlySpan<byte> Checked(ReadOnlySpan<byte> autn)
    {
        RequireLength(autn, Length, nameof(autn));
        return autn;
    }

    private static void RequireLength(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
        {
            throw new ArgumentException($"{name} must be {length} bytes, got {value.Length}", name);
        }
    }
}
