using Ims.Diameter.Messages;

namespace Ims.Diameter.Peers.Requests;

/// <summary>How a sent request ended. Failures are values: the caller never waits forever and never catches.</summary>
public enum DiameterRequestOutcomeKind
{
    Answered,
    TimedOut,
    PeerFailed,
    NoRoute,
    Cancelled,
}

/// <summary>The answer, or why there is none, and the peer the request went to.</summary>
public sealed record DiameterRequestOutcome(DiameterRequestOutcomeKind Kind, DiameterMessage? Answer, string? Peer, string Detail)
{
    public bool IsAnswered => Kind == DiameterRequestOutcomeKind.Answered;

    public static DiameterRequestOutcome Answered(DiameterMessage answer, string peer) => new(DiameterRequestOutcomeKind.Answered, answer, peer, "answered");

    public static DiameterRequestOutcome Failed(DiameterRequestOutcomeKind kind, string? peer, string detail) => new(kind, null, peer, detail);
}
