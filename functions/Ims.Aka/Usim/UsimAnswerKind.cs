namespace Ims.Aka.Usim;

/// <summary>How a USIM answers an authentic challenge (TS 33.102 6.3.3).</summary>
public enum UsimAnswerKind
{
    /// <summary>SQN is fresh: the UE answers with RES (and derives CK, IK).</summary>
    Accepted,

    /// <summary>SQN is not fresh or too far ahead: the UE answers with AUTS (a synchronisation failure).</summary>
    SynchronisationFailure,
}
