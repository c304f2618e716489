using System.Security.Cryptography;
using Ims.Aka.Milenage;
using Ims.Aka.Sequence;

namespace Ims.Aka.Vectors;

/// <summary>
/// The USIM side of AKA (TS 33.102 6.3.3): AK = f5(RAND), SQN = (SQN xor AK) xor AK,
/// XMAC = f1(SQN, RAND, AMF), compare with MAC-A, then RES = f2, CK = f3, IK = f4.
/// The network never runs this; a simulated UE and end-to-end tests do.
/// </summary>
public static class AutnVerifier
{
    public static AkaResult<UsimResponse, AutnError> Verify(MilenageAlgorithm milenage, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> autn)
    {
        ArgumentNullException.ThrowIfNull(milenage);
        if (rand.Length != MilenageAlgorithm.RandLength || autn.Length != Autn.Length)
        {
            return AkaResult<UsimResponse, AutnError>.Failure(
                AutnError.Malformed, $"RAND and AUTN must be 16 bytes each, got {rand.Length} and {autn.Length}");
        }

        var output = milenage.F2345(rand);
        Span<byte> sqn = stackalloc byte[MilenageAlgorithm.SqnLength];
        var concealed = Autn.ConcealedSqn(autn);
        for (var i = 0; i < sqn.Length; i++)
        {
            sqn[i] = (byte)(concealed[i] ^ output.Ak.Span[i]);
        }

        var xmac = milenage.F1(rand, sqn, Autn.Amf(autn));
        if (!CryptographicOperations.FixedTimeEquals(xmac, Autn.MacA(autn)))
        {
            return AkaResult<UsimResponse, AutnError>.Failure(AutnError.MacFailure, "MAC-A in AUTN does not verify");
        }

        return AkaResult<UsimResponse, AutnError>.Success(new UsimResponse(
            SequenceNumber.FromBytes(sqn), output.Res.ToArray(), output.Ck.ToArray(), output.Ik.ToArray()));
    }
}
