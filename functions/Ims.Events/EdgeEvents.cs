namespace Ims.Events;

// Events: what the edge saw. Messages travel as their wire bytes, parsed again by the handler, so
// that a recorded event replays exactly what arrived.

/// <summary>An initial or in-dialog SIP request, held in a suspended server transaction until a command answers it.</summary>
public sealed record SipRequestReceived(ImsRole Role, string TransactionId, SipTransport Transport, string Source, string Local, byte[] Message)
    : BusMessage
{
    public override bool IsCommand => false;
}

/// <summary>A response on a client transaction the edge opened for a forwarded request.</summary>
public sealed record SipResponseReceived(ImsRole Role, string TransactionId, byte[] Message) : BusMessage
{
    public override bool IsCommand => false;
}

/// <summary>A Diameter request from a peer for a server role (HSS, PCRF, OCS, or RTR/PPR/ASR towards a CSCF).</summary>
public sealed record DiameterRequestReceived(ImsRole Role, string PeerId, byte[] Message) : BusMessage
{
    public override bool IsCommand => false;
}

/// <summary>
/// The answer to a request sent for a handler, with the handler's continuation in the envelope;
/// or, when no answer came, why (timeout, peer down, no route).
/// </summary>
public sealed record DiameterAnswerReceived(byte[]? Message, DiameterDeliveryFailure? Failure) : BusMessage
{
    public override bool IsCommand => false;
}

/// <summary>A timer a handler scheduled has expired.</summary>
public sealed record TimerFired(string TimerId, string Payload) : BusMessage
{
    public override bool IsCommand => false;
}

/// <summary>SIP transports of the edge (RFC 3261 18).</summary>
public enum SipTransport
{
    Udp,
    Tcp,
    Tls,
}

/// <summary>Why a Diameter request got no answer.</summary>
public enum DiameterDeliveryFailure
{
    Timeout,
    PeerDown,
    NoRoute,
}
