using System.Security.Cryptography;
using Ims.Aka.Milenage;

namespace Ims.Aka.Sequence;

/// <summary>
/// The HE/AuC side of a synchronisation failure (TS 33.102 6.3.5): from the RAND of the refused
/// challenge and the UE's AUTS, recover SQN_MS = (SQN_MS xor AK*) xor f5*(RAND), check
/// MAC-S = f1*(SQN_MS || RAND || 0x0000), and decide where SQN_HE continues.
/// </summary>
public static class Resynchronisation
{
    /// <summary>TS 33.102 C.2.2: the recommended limit Δ = 2^28 on how far SEQ may run ahead of SEQ_MS.</summary>
    public const ulong DefaultDelta = 1UL << 28;

    public static AkaResult<ResynchronisedSqn, ResynchronisationError> Resolve(
        SubscriberKeys keys, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> auts, SqnState current, ulong delta = DefaultDelta)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(current);
        if (rand.Length != MilenageAlgorithm.RandLength)
        {
            return Fail(ResynchronisationError.MalformedRand, $"RAND must be {MilenageAlgorithm.RandLength} bytes, got {rand.Length}");
        }

        if (auts.Length != Auts.Length)
        {
            return Fail(ResynchronisationError.MalformedAuts, $"AUTS must be {Auts.Length} bytes, got {auts.Length}");
        }

        using var milenage = new MilenageAlgorithm(keys);
        var akStar = milenage.F5Star(rand);
        Span<byte> sqnBytes = stackalloc byte[SequenceNumber.Length];
        for (var i = 0; i < SequenceNumber.Length; i++)
        {
            sqnBytes[i] = (byte)(auts[i] ^ akStar[i]);
        }

        var expectedMacS = milenage.F1Star(rand, sqnBytes, Auts.ResynchronisationAmf);
        if (!CryptographicOperations.FixedTimeEquals(expectedMacS, auts[SequenceNumber.Length..]))
        {
            return Fail(ResynchronisationError.MacMismatch, "MAC-S in AUTS does not verify");
        }

        var sqnMs = SequenceNumber.FromBytes(sqnBytes);
        var seqHe = current.LastIssued.Seq;

        // 6.3.5: if the next SQN_HE would be accepted (C.2.1: SEQ > SEQ_MS, C.2.2: SEQ - SEQ_MS <= Δ),
        // keep it; otherwise set SQN_HE to SQN_MS. IND keeps cycling from where it was.
        var inRange = seqHe >= sqnMs.Seq && seqHe + 1 - sqnMs.Seq <= delta;
        if (inRange)
        {
            return AkaResult<ResynchronisedSqn, ResynchronisationError>.Success(new ResynchronisedSqn(sqnMs, current, Reset: false));
        }

        var reset = new SqnState(SequenceNumber.FromParts(sqnMs.Seq, current.LastIssued.Ind));
        return AkaResult<ResynchronisedSqn, ResynchronisationError>.Success(new ResynchronisedSqn(sqnMs, reset, Reset: true));
    }

    private static AkaResult<ResynchronisedSqn, ResynchronisationError> Fail(ResynchronisationError reason, string message) =>
        AkaResult<ResynchronisedSqn, ResynchronisationError>.Failure(reason, message);
}
