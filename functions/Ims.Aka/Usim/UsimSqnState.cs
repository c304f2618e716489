using System.Collections.Immutable;
using Ims.Aka.Sequence;

namespace Ims.Aka.Usim;

/// <summary>
/// What a USIM remembers about sequence numbers (TS 33.102 C.2.2): one SEQ_MS per IND slot, all zero
/// at first, and the highest SQN accepted anywhere in the array (SQN_MS, what AUTS reports).
/// Immutable: accepting a SQN returns a new state. A sealed class, not a record: the array
/// would make record equality compare references.
/// </summary>
public sealed class UsimSqnState
{
    private readonly ImmutableArray<ulong> _seqMs;

    private UsimSqnState(ImmutableArray<ulong> seqMs, SequenceNumber highest)
    {
        _seqMs = seqMs;
        Highest = highest;
    }

    /// <summary>A fresh USIM: every SEQ_MS(i) is zero (C.2.2).</summary>
    public static UsimSqnState Initial { get; } =
        new(ImmutableArray.CreateRange(new ulong[SequenceNumber.IndCount]), SequenceNumber.FromValue(0));

    /// <summary>SQN_MS: the highest SQN accepted so far, SEQ and the IND it came with.</summary>
    public SequenceNumber Highest { get; }

    /// <summary>SEQ_MS(i): the last SEQ accepted in slot <paramref name="ind"/>.</summary>
    public ulong SeqMs(int ind) => _seqMs[ind];

    /// <summary>The state after accepting <paramref name="sqn"/>: SEQ_MS(IND) := SEQ (C.2.2).</summary>
    public UsimSqnState Accept(SequenceNumber sqn) =>
        new(_seqMs.SetItem(sqn.Ind, sqn.Seq), sqn.Seq > Highest.Seq ? sqn : Highest);

    public override string ToString() => $"UsimSqnState {{ Highest = {Highest} }}";
}
