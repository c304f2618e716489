namespace Ims.Events;

// Events an operator raises through a running edge (`ims policy release`): they cross the bus and the
// event log like anything a peer sent, so replay shows who ended a session and why.

/// <summary>
/// The operator asks the PCRF to end every live Rx session of <paramref name="Subscriber"/> (a public
/// identity). <see cref="PolicyRelease.AbortSession"/> sends ASR with <paramref name="AbortCause"/>
/// (TS 29.214 4.4.4, 5.3.1); <see cref="PolicyRelease.LossOfBearer"/> sends RAR with Specific-Action
/// INDICATION_OF_LOSS_OF_BEARER (TS 29.214 4.4.6.1). Either way the AF ends the session with STR.
/// </summary>
public sealed record PolicyReleaseRequested(string Subscriber, PolicyRelease Release, uint AbortCause = 0) : BusMessage
{
    public override bool IsCommand => false;
}

/// <summary>How the PCRF tells the AF that a session is over.</summary>
public enum PolicyRelease
{
    /// <summary>Abort-Session-Request (TS 29.214 5.6.7).</summary>
    AbortSession,

    /// <summary>Re-Auth-Request reporting the bearer lost (TS 29.214 5.6.3, 4.4.6.1).</summary>
    LossOfBearer,
}
