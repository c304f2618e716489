namespace Ims.Aka.Sequence;

/// <summary>
/// What the HSS stores per subscriber for SQN generation (TS 33.102 C.1.2, SQN_HE): the last SQN
/// handed out. A store writes the new state with an ETag so that no SQN is handed out twice
/// when several instances race.
/// </summary>
/// <param name="LastIssued">The highest SQN issued so far; zero before the first vector.</param>
public sealed record SqnState(SequenceNumber LastIssued)
{
    /// <summary>A subscriber that has never been challenged.</summary>
    public static SqnState Initial { get; } = new(SequenceNumber.FromValue(0));
}
