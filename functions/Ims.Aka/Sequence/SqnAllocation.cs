namespace Ims.Aka.Sequence;

/// <summary>Fresh SQNs for new vectors, with the state to write back (conditionally, by ETag).</summary>
public sealed record SqnAllocation(IReadOnlyList<SequenceNumber> Sqns, SqnState NewState);
