using System.Buffers.Binary;
using Ims.Aka.Milenage;
using Ims.Aka.Sequence;

namespace Ims.Aka.Vectors;

/// <summary>
/// Makes authentication vectors the way an AuC does (TS 33.102 6.3.2, figure 8): a fresh RAND,
/// then MAC-A = f1(SQN, RAND, AMF), XRES = f2, CK = f3, IK = f4, AK = f5 and
/// AUTN = (SQN xor AK) || AMF || MAC-A. The SQN comes from <see cref="SequenceNumberGenerator"/>.
/// </summary>
public static class AuthenticationVectorGenerator
{
    public static AuthenticationVector Generate(SubscriberKeys keys, SequenceNumber sqn, ushort amf, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(random);

        Span<byte> rand = stackalloc byte[MilenageAlgorithm.RandLength];
        random.Fill(rand);
        using var milenage = new MilenageAlgorithm(keys);
        return Generate(milenage, rand, sqn, amf);
    }

    /// <summary>
    /// <paramref name="count"/> vectors, each with a fresh SQN from <paramref name="state"/> (TS 33.102 C.3.2)
    /// and its own RAND, plus the state to store. Fails only when SEQ is exhausted.
    /// </summary>
    public static AkaResult<AuthenticationVectorBatch, SqnError> GenerateBatch(
        SubscriberKeys keys, SqnState state, int count, ushort amf, IRandomSource random, SequenceNumberGenerator? sqnGenerator = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(random);
        var allocation = (sqnGenerator ?? new SequenceNumberGenerator()).Next(state, count);
        if (!allocation.Succeeded)
        {
            return AkaResult<AuthenticationVectorBatch, SqnError>.Failure(allocation.Reason, allocation.Message);
        }

        using var milenage = new MilenageAlgorithm(keys);
        Span<byte> rand = stackalloc byte[MilenageAlgorithm.RandLength];
        var vectors = new AuthenticationVector[count];
        for (var i = 0; i < count; i++)
        {
            random.Fill(rand);
            vectors[i] = Generate(milenage, rand, allocation.Value.Sqns[i], amf);
        }

        return AkaResult<AuthenticationVectorBatch, SqnError>.Success(new AuthenticationVectorBatch(vectors, allocation.Value.NewState));
    }

    /// <summary>The vector for a given RAND: deterministic, for replay and conformance tests.</summary>
    public static AuthenticationVector Generate(MilenageAlgorithm milenage, ReadOnlySpan<byte> rand, SequenceNumber sqn, ushort amf)
    {
        ArgumentNullException.ThrowIfNull(milenage);
        Span<byte> sqnBytes = stackalloc byte[MilenageAlgorithm.SqnLength];
        sqn.WriteTo(sqnBytes);
        Span<byte> amfBytes = stackalloc byte[MilenageAlgorithm.AmfLength];
        BinaryPrimitives.WriteUInt16BigEndian(amfBytes, amf);

        var macA = milenage.F1(rand, sqnBytes, amfBytes);
        var output = milenage.F2345(rand);
        var autn = Autn.Compose(sqnBytes, output.Ak.Span, amfBytes, macA);
        return new AuthenticationVector(rand, output.Res.Span, output.Ck.Span, output.Ik.Span, autn, sqn);
    }
}
