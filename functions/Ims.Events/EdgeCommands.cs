namespace Ims.Events;

// Commands: what a handler decided. The edge carries them out and decides nothing itself.

/// <summary>Answer the suspended server transaction.</summary>
public sealed record SendSipResponse(string TransactionId, byte[] Message) : BusMessage
{
    public override bool IsCommand => true;
}

/// <summary>
/// Forward the request of a suspended transaction, already rewritten, to the next hop (a SIP URI or
/// host:port). With <paramref name="ResponseTimeout"/>, the next hop must answer (even 100 Trying)
/// within that time, or the edge gives up on it and reports 408 (Kamailio's fr_timer): how the
/// S-CSCF notices a silent application server (TS 24.229 5.4.3.2, DefaultHandling).
/// </summary>
public sealed record ForwardSipRequest(string TransactionId, byte[] Message, string NextHop, TimeSpan? ResponseTimeout = null) : BusMessage
{
    public override bool IsCommand => true;
}

/// <summary>
/// A request the role itself originates, outside any transaction it serves: the BYE with which a
/// proxy releases a call whose credit or bearer is gone (TS 32.299 6.3.8, TS 29.214 4.4.6.1, Kamailio's
/// dlg_terminate). The edge of <paramref name="Role"/> sends it on a new client transaction; its final
/// response comes back as <see cref="SipResponseReceived"/> when the envelope carries a continuation.
/// </summary>
public sealed record SendSipRequest(ImsRole Role, byte[] Message, string NextHop) : BusMessage
{
    public override bool IsCommand => true;
}

/// <summary>
/// Send a Diameter request (routed by its Destination-Host/Realm); the envelope's continuation comes
/// back with the answer as <see cref="DiameterAnswerReceived"/>.
/// </summary>
public sealed record SendDiameterRequest(byte[] Message) : BusMessage
{
    public override bool IsCommand => true;
}

/// <summary>Answer a Diameter request received from a peer.</summary>
public sealed record SendDiameterAnswer(string PeerId, byte[] Message) : BusMessage
{
    public override bool IsCommand => true;
}

/// <summary>Schedule (or move) a timer; <see cref="TimerFired"/> comes back at <paramref name="Due"/>.</summary>
public sealed record ScheduleTimer(string TimerId, DateTimeOffset Due, string Payload) : BusMessage
{
    public override bool IsCommand => true;
}

/// <summary>Cancel a timer; cancelling an unknown or fired timer is not an error.</summary>
public sealed record CancelTimer(string TimerId) : BusMessage
{
    public override bool IsCommand => true;
}
