namespace Ims.Edge.Sip.Transactions;

/// <summary>The timer values of RFC 3261 17 (Table 4), configurable as the RFC allows for T1 and T2.</summary>
public sealed record SipTimers
{
    /// <summary>RTT estimate.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Maximum retransmit interval for non-INVITE requests and INVITE responses.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Maximum duration a message remains in the network.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timers B, F, H, J and L: 64*T1.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>Timer C: how long a proxy waits for a final response after a provisional one (RFC 3261 16.6, over 3 minutes).</summary>
    public TimeSpan TimerC { get; init; } = TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1);

    /// <summary>Timer D for unreliable transports: at least 32 s (RFC 3261 17.1.1.2).</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);
}
