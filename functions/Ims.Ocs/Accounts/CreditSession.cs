namespace Ims.Ocs.Accounts;

/// <summary>
/// An open credit-control session (RFC 4006 5.1, SCUR): whose account it charges, what it holds
/// reserved now, and the last request it answered, so that a retransmitted request (the same
/// CC-Request-Number, RFC 4006 5.1.1) gets the same answer instead of being charged twice.
/// </summary>
public sealed record CreditSession
{
    public required string SessionId { get; init; }

    public required string Subscriber { get; init; }

    public long ReservedSeconds { get; init; }

    public long UsedSeconds { get; init; }

    public uint LastRequestNumber { get; init; }

    /// <summary>What the last answer granted (0 when it granted nothing).</summary>
    public long LastGrantSeconds { get; init; }
}
