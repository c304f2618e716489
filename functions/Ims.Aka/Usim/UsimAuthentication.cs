using Ims.Aka.Milenage;
using Ims.Aka.Sequence;
using Ims.Aka.Vectors;

namespace Ims.Aka.Usim;

/// <summary>
/// The whole USIM side of AKA (TS 33.102 6.3.3 with the Annex C.2 freshness rules), for simulated UEs
/// and end-to-end tests of the HSS: verify AUTN, then either accept (RES, CK, IK) or, when SQN is not
/// fresh, answer with AUTS so the HSS resynchronises. The network never runs this.
/// </summary>
public static class UsimAuthentication
{
    /// <param name="delta">
    /// Δ of C.2.1: how far SEQ may run ahead of SEQ_MS; the same default as <see cref="Resynchronisation.DefaultDelta"/>.
    /// </param>
    public static AkaResult<UsimAnswer, AutnError> Answer(
        MilenageAlgorithm milenage, UsimSqnState state, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> autn,
        ulong delta = Resynchronisation.DefaultDelta)
    {
        ArgumentNullException.ThrowIfNull(milenage);
        ArgumentNullException.ThrowIfNull(state);

        // 6.3.3: the MAC is checked first; a MAC failure is reported without looking at SQN.
        var verified = AutnVerifier.Verify(milenage, rand, autn);
        if (!verified.Succeeded)
        {
            return AkaResult<UsimAnswer, AutnError>.Failure(verified.Reason, verified.Message);
        }

        var sqn = verified.Value.Sqn;
        if (!IsFresh(state, sqn, delta))
        {
            // C.2.2: the failure reports the highest SQN accepted anywhere in the array.
            var auts = Auts.Compose(milenage, rand, state.Highest);
            return AkaResult<UsimAnswer, AutnError>.Success(UsimAnswer.SynchronisationFailure(auts, state));
        }

        return AkaResult<UsimAnswer, AutnError>.Success(UsimAnswer.Accepted(verified.Value, state.Accept(sqn)));
    }

    // C.2.1: SEQ - SEQ_MS <= Δ against the highest SEQ_MS; C.2.2: SEQ > SEQ_MS(IND) in its own slot.
    private static bool IsFresh(UsimSqnState state, SequenceNumber sqn, ulong delta)
    {
        var tooFarAhead = sqn.Seq > state.Highest.Seq && sqn.Seq - state.Highest.Seq > delta;
        return !tooFarAhead && sqn.Seq > state.SeqMs(sqn.Ind);
    }
}
