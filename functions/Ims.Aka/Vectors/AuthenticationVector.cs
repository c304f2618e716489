using System.Text;
using Ims.Aka.Sequence;

namespace Ims.Aka.Vectors;

/// <summary>
/// One UMTS/IMS authentication vector (TS 33.102 6.3.2): RAND, XRES, CK, IK and AUTN, as the HSS
/// returns it in a Cx MAA (TS 29.228 SIP-Auth-Data-Item). RAND and AUTN are sent to the UE in clear;
/// XRES, CK and IK are secrets and never appear in ToString. <see cref="Sqn"/> is the SQN the vector
/// carries (concealed by AK inside AUTN), kept so that the HSS can log and reconcile what it issued.
/// </summary>
public sealed record AuthenticationVector
{
    public AuthenticationVector(
        ReadOnlySpan<byte> rand, ReadOnlySpan<byte> xres, ReadOnlySpan<byte> ck, ReadOnlySpan<byte> ik, ReadOnlySpan<byte> autn,
        SequenceNumber sqn)
    {
        Rand = rand.ToArray();
        Xres = xres.ToArray();
        Ck = ck.ToArray();
        Ik = ik.ToArray();
        Autn = autn.ToArray();
        Sqn = sqn;
    }

    public ReadOnlyMemory<byte> Rand { get; }

    /// <summary>The expected response, 4 to 16 bytes (8 with Milenage).</summary>
    public ReadOnlyMemory<byte> Xres { get; }

    public ReadOnlyMemory<byte> Ck { get; }

    public ReadOnlyMemory<byte> Ik { get; }

    public ReadOnlyMemory<byte> Autn { get; }

    /// <summary>The SQN used for this vector (TS 33.102 6.3.2), in clear.</summary>
    public SequenceNumber Sqn { get; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Rand = ").Append(Convert.ToHexStringLower(Rand.Span))
            .Append(", Xres = [redacted], Ck = [redacted], Ik = [redacted], Autn = ")
            .Append(Convert.ToHexStringLower(Autn.Span))
            .Append(", Sqn = ").Append(Sqn);
        return true;
    }
}
