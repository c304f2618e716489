using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Events;
using Ims.Sip;

namespace Ims.Replay.Selection;

/// <summary>
/// What ties messages of one flow together: the SIP Call-ID (RFC 3261 8.1.1.4), the Diameter
/// Session-Id (RFC 6733 8.8) and the envelope's correlation (one transaction); and who it is about:
/// the IMPI in an Authorization username (TS 24.229 5.1.1.2) or a Cx User-Name (TS 29.229 6.3).
/// </summary>
internal static class MessageKeys
{
    /// <summary>Keys that link a message to the others of its flow ("call:", "session:", "tx:").</summary>
    public static IEnumerable<string> Links(BusEnvelope envelope)
    {
        yield return "tx:" + envelope.Correlation;
        if (CallId(envelope.Message) is { } callId)
        {
            yield return "call:" + callId;
        }

        if (Diameter(envelope.Message) is { } bytes && DiameterDecoder.Decode(bytes) is { IsSuccess: true } decoded && decoded.Message.SessionId is { } session)
        {
            yield return "session:" + session;
        }
    }

    public static string? CallId(BusMessage message) =>
        Sip(message) is { } bytes && SipMessage.Parse(bytes).Message is { } sip ? sip.CallId?.Trim() : null;

    /// <summary>The IMPI a message names, if any.</summary>
    public static string? Impi(BusMessage message)
    {
        if (Sip(message) is { } bytes)
        {
            return SipMessage.Parse(bytes).Message?.Authorization?.Username?.Trim('"');
        }

        return Diameter(message) is { } diameter && DiameterDecoder.Decode(diameter) is { IsSuccess: true } decoded
            ? decoded.Message.GetString(Avps.UserName)
            : null;
    }

    private static byte[]? Sip(BusMessage message) => message switch
    {
        SipRequestReceived m => m.Message,
        SipResponseReceived m => m.Message,
        SendSipResponse m => m.Message,
        ForwardSipRequest m => m.Message,
        SendSipRequest m => m.Message,
        _ => null,
    };

    private static byte[]? Diameter(BusMessage message) => message switch
    {
        DiameterRequestReceived m => m.Message,
        DiameterAnswerReceived m => m.Message,
        SendDiameterRequest m => m.Message,
        SendDiameterAnswer m => m.Message,
        _ => null,
    };
}
