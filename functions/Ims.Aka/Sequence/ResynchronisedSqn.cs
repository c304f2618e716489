namespace Ims.Aka.Sequence;

/// <summary>The outcome of a verified AUTS.</summary>
/// <param name="SqnMs">The highest SQN the USIM has accepted, recovered from AUTS.</param>
/// <param name="NewState">The state to store (by ETag); the next vector continues from it.</param>
/// <param name="Reset">True when SQN_HE was moved to SQN_MS; false when SQN_HE was already in range.</param>
public sealed record ResynchronisedSqn(SequenceNumber SqnMs, SqnState NewState, bool Reset)
{
    /// <summary>The SEQ the next fresh vector will carry.</summary>
    public ulong NextSeq => NewState.LastIssued.Seq + 1;
}
