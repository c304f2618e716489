namespace Ims.Aka.Sequence;

/// <summary>
/// Allocates SQNs as TS 33.102 Annex C, profile 2 (C.3.2, not time-based): every vector gets a
/// fresh SEQ (SEQ_HE + 1) and IND cycles through the slots, so a batch of vectors can be spent in any
/// order without the USIM refusing one. It is pure: state in, SQNs and new state out; the caller stores
/// the new state with an ETag and retries on conflict, which is what keeps an SQN from being issued twice.
/// </summary>
public sealed class SequenceNumberGenerator
{
    /// <param name="indCount">How many IND slots to cycle through (1..32; TS 33.102 C.3.2 uses all 32).</param>
    public SequenceNumberGenerator(int indCount = SequenceNumber.IndCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(indCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(indCount, SequenceNumber.IndCount);
        IndCount = indCount;
    }

    public int IndCount { get; }

    /// <summary>The next SQN after <paramref name="state"/>.</summary>
    public AkaResult<SqnAllocation, SqnError> Next(SqnState state) => Next(state, 1);

    /// <summary><paramref name="count"/> consecutive SQNs, e.g. for SIP-Number-Auth-Items in a Cx MAR.</summary>
    public AkaResult<SqnAllocation, SqnError> Next(SqnState state, int count)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);

        var last = state.LastIssued;
        if (SequenceNumber.MaxSeq - last.Seq < (ulong)count)
        {
            return AkaResult<SqnAllocation, SqnError>.Failure(
                SqnError.Exhausted, $"SEQ {last.Seq} cannot advance by {count} within {SequenceNumber.SeqBits} bits");
        }

        var sqns = new SequenceNumber[count];
        for (var i = 0; i < count; i++)
        {
            // C.3.2: SEQ_HE increments by one per vector; C.1.2: IND values are used cyclically.
            last = SequenceNumber.FromParts(last.Seq + 1, (last.Ind + 1) % IndCount);
            sqns[i] = last;
        }

        return AkaResult<SqnAllocation, SqnError>.Success(new SqnAllocation(sqns, new SqnState(last)));
    }
}
