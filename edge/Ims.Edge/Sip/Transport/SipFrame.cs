namespace Ims.Edge.Sip.Transport;

/// <summary>
/// How much of a stream buffer is one SIP message (RFC 3261 18.3: Content-Length is mandatory on
/// streams). <see cref="Length"/> 0 means "read more"; an <see cref="Error"/> means the stream can no
/// longer be framed and the connection must close. <see cref="Skip"/> bytes of keep-alive CRLF
/// (RFC 5626 4.4.1) come before the message.
/// </summary>
public readonly record struct SipFrame(int Skip, int Length, string? Error)
{
    public static SipFrame NeedMore(int skip = 0) => new(skip, 0, null);

    public static SipFrame Message(int skip, int length) => new(skip, length, null);

    public static SipFrame Broken(string error) => new(0, 0, error);
}

/// <summary>Finds the first SIP message in a stream buffer, without consuming anything.</summary>
public delegate SipFrame SipStreamFramer(ReadOnlySpan<byte> buffer);

/// <summary>A message received by a transport: the datagram or framed bytes, who sent it, and to which of our listeners.</summary>
public delegate void SipMessageReceived(byte[] message, Transactions.SipPeer from, string local);
