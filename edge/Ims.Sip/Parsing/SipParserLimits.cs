namespace Ims.Sip.Parsing;

/// <summary>
/// Size limits checked before and while parsing, so an attacker-controlled datagram or stream
/// cannot make the parser do unbounded work.
/// </summary>
public sealed record SipParserLimits
{
    public static SipParserLimits Default { get; } = new();

    /// <summary>Largest whole message (start line, headers and body); 64 KiB is the largest UDP datagram.</summary>
    public int MaxMessageSize { get; init; } = 64 * 1024;

    /// <summary>Most header fields (lines, after unfolding) in one message.</summary>
    public int MaxHeaderCount { get; init; } = 256;

    /// <summary>Longest start line or header field (with its folded continuations).</summary>
    public int MaxLineLength { get; init; } = 8 * 1024;
}
