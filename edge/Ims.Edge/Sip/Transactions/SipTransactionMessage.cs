using Ims.Events;

namespace Ims.Edge.Sip.Transactions;

/// <summary>
/// What the transaction layer needs to know of a message (RFC 3261 17.1.3, 17.2.3): the top Via's
/// branch and sent-by, the CSeq method, and the method or status. The transport fills it from the parser.
/// </summary>
public sealed record SipTransactionMessage(
    string? Method,
    int StatusCode,
    string Branch,
    string SentBy,
    string CSeqMethod,
    ReadOnlyMemory<byte> Bytes)
{
    public bool IsRequest => Method is not null;

    public bool IsInvite => string.Equals(IsRequest ? Method : CSeqMethod, "INVITE", StringComparison.Ordinal);

    public bool IsAck => string.Equals(Method, "ACK", StringComparison.Ordinal);

    public static SipTransactionMessage Request(string method, string branch, string sentBy, string cseqMethod, ReadOnlyMemory<byte> bytes) =>
        new(method, 0, branch, sentBy, cseqMethod, bytes);

    public static SipTransactionMessage Response(int status, string branch, string sentBy, string cseqMethod, ReadOnlyMemory<byte> bytes) =>
        new(null, status, branch, sentBy, cseqMethod, bytes);
}

/// <summary>Where a message came from or goes to.</summary>
public readonly record struct SipPeer(string Address, SipTransport Transport)
{
    /// <summary>Reliable transports need no retransmission and no wait states (RFC 3261 17.1.1.2, 17.2.2).</summary>
    public bool IsReliable => Transport != SipTransport.Udp;

    public override string ToString() => $"{Transport.ToString().ToUpperInvariant()} {Address}";
}
