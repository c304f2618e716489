using System.Text;

namespace Ims.Aka.Milenage;

/// <summary>
/// What f2, f3, f4 and f5 give for one RAND (TS 35.206 4.1): RES, CK, IK and AK.
/// They come from one TEMP = E_K(RAND xor OPc), so they are computed together.
/// RES, CK and IK are secrets and never appear in ToString.
/// </summary>
public sealed record MilenageOutput
{
    internal MilenageOutput(byte[] res, byte[] ck, byte[] ik, byte[] ak)
    {
        Res = res;
        Ck = ck;
        Ik = ik;
        Ak = ak;
    }

    /// <summary>f2: the response RES (64 bits in Milenage).</summary>
    public ReadOnlyMemory<byte> Res { get; }

    /// <summary>f3: the cipher key CK (128 bits).</summary>
    public ReadOnlyMemory<byte> Ck { get; }

    /// <summary>f4: the integrity key IK (128 bits).</summary>
    public ReadOnlyMemory<byte> Ik { get; }

    /// <summary>f5: the anonymity key AK (48 bits) that conceals SQN in AUTN.</summary>
    public ReadOnlyMemory<byte> Ak { get; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Res = [redacted], Ck = [redacted], Ik = [redacted], Ak = [redacted]");
        return true;
    }
}
