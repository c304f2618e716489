namespace Ims.Pcrf;

/// <summary>What the built-in PCRF says about itself in its answers and requests.</summary>
public sealed record PcrfOptions
{
    public required string OriginHost { get; init; }

    public required string OriginRealm { get; init; }

    /// <summary>
    /// How long the PCRF keeps a session after the AF acknowledged its ASR with 2001 and before the AF's
    /// STR. RFC 6733 8.5 expects the STR to follow; a session whose STR never comes is removed then, so
    /// that it is not released again and again.
    /// </summary>
    public TimeSpan StrWait { get; init; } = TimeSpan.FromSeconds(30);
}
