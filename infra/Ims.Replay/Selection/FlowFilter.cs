namespace Ims.Replay.Selection;

/// <summary>
/// Which flow to replay: one dialog (SIP Call-ID), one registration (IMPI), and/or a time window.
/// Given together they narrow each other.
/// </summary>
public sealed record FlowFilter(string? CallId = null, string? Impi = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public bool IsEmpty => CallId is null && Impi is null && From is null && To is null;

    public bool InWindow(DateTimeOffset time) => (From is null || time >= From) && (To is null || time <= To);
}
