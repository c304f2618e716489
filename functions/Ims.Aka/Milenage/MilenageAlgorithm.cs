using System.Security.Cryptography;

namespace Ims.Aka.Milenage;

/// <summary>
/// The Milenage algorithm set (3GPP TS 35.206) for one subscriber: f1, f1*, f2, f3, f4, f5 and f5*
/// over AES-128 keyed with K. The key lives only in this instance (dispose it when done; one
/// instance is not meant to be shared between threads).
/// </summary>
/// <remarks>
/// <code>
///   TEMP = E_K(RAND xor OPc)
///   OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc     IN1 = SQN || AMF || SQN || AMF
///   OUTn = E_K(rot(TEMP xor OPc, rn) xor cn) xor OPc              n = 2..5
///   f1 = OUT1[0..63]  f1* = OUT1[64..127]  f5 = OUT2[0..47]  f2 = OUT2[64..127]
///   f3 = OUT3  f4 = OUT4  f5* = OUT5[0..47]
/// </code>
/// </remarks>
public sealed class MilenageAlgorithm : IDisposable
{
    public const int BlockLength = 16;
    public const int RandLength = 16;
    public const int SqnLength = 6;
    public const int AmfLength = 2;
    public const int MacLength = 8;
    public const int ResLength = 8;
    public const int AkLength = 6;

    // TS 35.206 4.1: default rotation amounts (in bits, here in whole bytes) and the constants
    // c2..c5, which differ from zero only in their last byte.
    private const int R1 = 64 / 8, R2 = 0, R3 = 32 / 8, R4 = 64 / 8, R5 = 96 / 8;
    private const byte C2 = 0x01, C3 = 0x02, C4 = 0x04, C5 = 0x08;

    private readonly Aes _aes;
    private readonly byte[] _opc;
    private bool _disposed;

    public MilenageAlgorithm(SubscriberKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _aes = Aes.Create();
        _aes.SetKey(keys.K.Span);
        _opc = keys.Opc.ToArray();
    }

    /// <summary>OPc = OP xor E_K(OP) (TS 35.206 4.1).</summary>
    public static byte[] ComputeOpc(ReadOnlySpan<byte> k, ReadOnlySpan<byte> op)
    {
        RequireLength(k, BlockLength, nameof(k));
        RequireLength(op, BlockLength, nameof(op));
        using var aes = Aes.Create();
        aes.SetKey(k);
        var opc = new byte[BlockLength];
        aes.EncryptEcb(op, opc, PaddingMode.None);
        Xor(opc, op, opc);
        return opc;
    }

    /// <summary>f1: the network authentication code MAC-A (64 bits).</summary>
    public byte[] F1(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf)
    {
        Span<byte> out1 = stackalloc byte[BlockLength];
        ComputeOut1(rand, sqn, amf, out1);
        return out1[..MacLength].ToArray();
    }

    /// <summary>f1*: the resynchronisation authentication code MAC-S (64 bits).</summary>
    public byte[] F1Star(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf)
    {
        Span<byte> out1 = stackalloc byte[BlockLength];
        ComputeOut1(rand, sqn, amf, out1);
        return out1[MacLength..].ToArray();
    }

    /// <summary>f2: the response RES (64 bits).</summary>
    public byte[] F2(ReadOnlySpan<byte> rand) => OutputSlice(rand, R2, C2, MacLength, ResLength);

    /// <summary>f3: the cipher key CK (128 bits).</summary>
    public byte[] F3(ReadOnlySpan<byte> rand) => OutputSlice(rand, R3, C3, 0, BlockLength);

    /// <summary>f4: the integrity key IK (128 bits).</summary>
    public byte[] F4(ReadOnlySpan<byte> rand) => OutputSlice(rand, R4, C4, 0, BlockLength);

    /// <summary>f5: the anonymity key AK (48 bits) used in AUTN.</summary>
    public byte[] F5(ReadOnlySpan<byte> rand) => OutputSlice(rand, R2, C2, 0, AkLength);

    /// <summary>f5*: the anonymity key AK* (48 bits) used in AUTS on resynchronisation.</summary>
    public byte[] F5Star(ReadOnlySpan<byte> rand) => OutputSlice(rand, R5, C5, 0, AkLength);

    /// <summary>f2, f3, f4 and f5 from one TEMP: what an authentication vector needs.</summary>
    public MilenageOutput F2345(ReadOnlySpan<byte> rand)
    {
        Span<byte> temp = stackalloc byte[BlockLength];
        Span<byte> output = stackalloc byte[BlockLength];
        ComputeTemp(rand, temp);

        ComputeOut(temp, R2, C2, output);
        var res = output[MacLength..].ToArray();
        var ak = output[..AkLength].ToArray();
        ComputeOut(temp, R3, C3, output);
        var ck = output.ToArray();
        ComputeOut(temp, R4, C4, output);
        var ik = output.ToArray();
        CryptographicOperations.ZeroMemory(output);
        CryptographicOperations.ZeroMemory(temp);
        return new MilenageOutput(res, ck, ik, ak);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CryptographicOperations.ZeroMemory(_opc);
        _aes.Dispose();
    }

    private byte[] OutputSlice(ReadOnlySpan<byte> rand, int rotateBytes, byte constant, int start, int length)
    {
        Span<byte> temp = stackalloc byte[BlockLength];
        Span<byte> output = stackalloc byte[BlockLength];
        ComputeTemp(rand, temp);
        ComputeOut(temp, rotateBytes, constant, output);
        var slice = output.Slice(start, length).ToArray();
        CryptographicOperations.ZeroMemory(output);
        CryptographicOperations.ZeroMemory(temp);
        return slice;
    }

    // TEMP = E_K(RAND xor OPc)
    private void ComputeTemp(ReadOnlySpan<byte> rand, Span<byte> temp)
    {
        RequireLength(rand, RandLength, nameof(rand));
        Span<byte> input = stackalloc byte[BlockLength];
        Xor(rand, _opc, input);
        Encrypt(input, temp);
    }

    // OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc, with c1 all zero.
    private void ComputeOut1(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqn, ReadOnlySpan<byte> amf, Span<byte> out1)
    {
        RequireLength(sqn, SqnLength, nameof(sqn));
        RequireLength(amf, AmfLength, nameof(amf));
        Span<byte> temp = stackalloc byte[BlockLength];
        ComputeTemp(rand, temp);

        Span<byte> in1 = stackalloc byte[BlockLength];
        sqn.CopyTo(in1);
        amf.CopyTo(in1[SqnLength..]);
        in1[..8].CopyTo(in1[8..]);
        Xor(in1, _opc, in1);

        Span<byte> input = stackalloc byte[BlockLength];
        Rotate(in1, R1, input);
        Xor(input, temp, input);
        Encrypt(input, out1);
        Xor(out1, _opc, out1);
        CryptographicOperations.ZeroMemory(temp);
    }

    // OUTn = E_K(rot(TEMP xor OPc, rn) xor cn) xor OPc
    private void ComputeOut(ReadOnlySpan<byte> temp, int rotateBytes, byte constant, Span<byte> output)
    {
        Span<byte> masked = stackalloc byte[BlockLength];
        Span<byte> input = stackalloc byte[BlockLength];
        Xor(temp, _opc, masked);
        Rotate(masked, rotateBytes, input);
        input[BlockLength - 1] ^= constant;
        Encrypt(input, output);
        Xor(output, _opc, output);
    }

    private void Encrypt(ReadOnlySpan<byte> block, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _aes.EncryptEcb(block, destination, PaddingMode.None);
    }

    // rot(x, r): cyclic rotation by r bits towards the most significant bit (TS 35.206 4.1);
    // every r in the default set is a whole number of bytes.
    private static void Rotate(ReadOnlySpan<byte> value, int bytes, Span<byte> destination)
    {
        for (var i = 0; i < BlockLength; i++)
        {
            destination[i] = value[(i + bytes) % BlockLength];
        }
    }

    private static void Xor(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)(a[i] ^ b[i]);
        }
    }

    private static void RequireLength(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
        {
            throw new ArgumentException($"{name} must be {length} bytes, got {value.Length}", name);
        }
    }
}
