using System.Text;
using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Events;

namespace Ims.Replay.Tests.Support;

/// <summary>Envelopes of a small recorded flow: SIP requests with a Call-ID, Cx requests with a Session-Id.</summary>
internal static class RecordedFlows
{
    public const string Domain = "ims.mnc001.mcc001.3gppnetwork.org";
    public static readonly DateTimeOffset At = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    public static BusEnvelope Envelope(string id, BusMessage message, string correlation, int second = 0, Continuation? continuation = null) =>
        new(id, At.AddSeconds(second), "edge-1", correlation, correlation, message, continuation);

    public static byte[] Invite(string callId, string extraHeader = "") => Encoding.ASCII.GetBytes(
        $"INVITE sip:bob@{Domain} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK{callId}\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: <sip:alice@{Domain}>;tag=a1\r\n" +
        $"To: <sip:bob@{Domain}>\r\n" +
        $"Call-ID: {callId}\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:alice@127.0.0.1:5070>\r\n" +
        extraHeader +
        "Content-Length: 0\r\n\r\n");

    public static byte[] Bye(string callId) => Encoding.ASCII.GetBytes(
        "BYE sip:alice@127.0.0.1:5070 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:6060;branch=z9hG4bKrelease\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: <sip:bob@{Domain}>;tag=b1\r\n" +
        $"To: <sip:alice@{Domain}>;tag=a1\r\n" +
        $"Call-ID: {callId}\r\n" +
        "CSeq: 2 BYE\r\n" +
        "Content-Length: 0\r\n\r\n");

    public static byte[] Register(string callId, string impi) => Encoding.ASCII.GetBytes(
        $"REGISTER sip:{Domain} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK{callId}\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: <sip:alice@{Domain}>;tag=r1\r\n" +
        $"To: <sip:alice@{Domain}>\r\n" +
        $"Call-ID: {callId}\r\n" +
        "CSeq: 1 REGISTER\r\n" +
        "Contact: <sip:alice@127.0.0.1:5070>\r\n" +
        $"Authorization: Digest username=\"{impi}\", realm=\"{Domain}\", nonce=\"\", uri=\"sip:{Domain}\", response=\"\"\r\n" +
        "Content-Length: 0\r\n\r\n");

    /// <summary>A Cx request (LIR or MAR) with its Session-Id and, for MAR, the IMPI as User-Name.</summary>
    public static byte[] Cx(CommandDefinition command, string sessionId, string? impi = null)
    {
        var builder = DiameterMessageBuilder.Request(command, 1, 1)
            .Add(Avps.SessionId, sessionId)
            .Add(Avps.OriginHost, "scscf." + Domain)
            .Add(Avps.OriginRealm, Domain)
            .Add(Avps.DestinationRealm, Domain);
        if (impi is not null)
        {
            builder.Add(Avps.UserName, impi);
        }

        return DiameterEncoder.Encode(builder.Build());
    }
}
