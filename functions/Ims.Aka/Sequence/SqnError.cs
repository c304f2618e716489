namespace Ims.Aka.Sequence;

/// <summary>Why no SQN could be allocated.</summary>
public enum SqnError
{
    None = 0,

    /// <summary>SEQ reached 2^43 - 1; TS 33.102 C.3 gives no wrap, so the subscriber needs re-keying.</summary>
    Exhausted,
}
