using System.Globalization;
using System.Text;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Formatting;
using Ims.Diameter.Messages;
using Ims.Events;
using Ims.Sip;

namespace Ims.Replay.Recorded;

/// <summary>What a bus message is, in the words of its protocol: "INVITE sip:bob@…", "401 Unauthorized", "MAA 2001".</summary>
public static class MessageText
{
    public static string Summary(BusMessage message) => message switch
    {
        SipRequestReceived m => Sip(m.Message),
        SipResponseReceived m => Sip(m.Message),
        SendSipResponse m => Sip(m.Message),
        ForwardSipRequest m => $"{Sip(m.Message)} -> {m.NextHop}",
        SendSipRequest m => $"{Sip(m.Message)} -> {m.NextHop} (from the {m.Role})",
        DiameterRequestReceived m => Diameter(m.Message),
        DiameterAnswerReceived { Message: { } bytes } => Diameter(bytes),
        DiameterAnswerReceived m => $"no answer ({m.Failure})",
        SendDiameterRequest m => Diameter(m.Message),
        SendDiameterAnswer m => Diameter(m.Message),
        ScheduleTimer m => $"timer {m.TimerId} at {m.Due:O}",
        CancelTimer m => $"cancel timer {m.TimerId}",
        TimerFired m => $"timer {m.TimerId} fired",
        PolicyReleaseRequested m => $"operator: release {m.Subscriber} ({m.Release})",
        _ => BusMessageTypes.NameOf(message),
    };

    /// <summary>The full message as text (SIP as it is, Diameter as one AVP a line), for the ladder and diffs.</summary>
    public static string Full(BusMessage message) => message switch
    {
        SipRequestReceived m => Encoding.UTF8.GetString(m.Message),
        SipResponseReceived m => Encoding.UTF8.GetString(m.Message),
        SendSipResponse m => Encoding.UTF8.GetString(m.Message),
        ForwardSipRequest m => $"next hop {m.NextHop}\n{Encoding.UTF8.GetString(m.Message)}",
        SendSipRequest m => $"next hop {m.NextHop}\n{Encoding.UTF8.GetString(m.Message)}",
        DiameterRequestReceived m => DiameterFull(m.Message),
        DiameterAnswerReceived { Message: { } bytes } => DiameterFull(bytes),
        SendDiameterRequest m => DiameterFull(m.Message),
        SendDiameterAnswer m => DiameterFull(m.Message),
        _ => Summary(message),
    };

    public static string Sip(byte[] bytes)
    {
        if (SipMessage.Parse(bytes).Message is not { } message)
        {
            return "SIP (unparsable)";
        }

        return message.IsRequest
            ? $"{message.Method} {message.RequestUriText}"
            : $"{message.StatusCode.ToString(CultureInfo.InvariantCulture)} {message.ReasonPhrase}";
    }

    public static string Diameter(byte[] bytes)
    {
        var decoded = DiameterDecoder.Decode(bytes);
        if (!decoded.IsSuccess)
        {
            return "Diameter (undecodable)";
        }

        var message = decoded.Message;
        var command = DiameterDictionary.Ims.FindCommand(message.ApplicationId, message.CommandCode);
        var name = command is null
            ? $"command {message.CommandCode.ToString(CultureInfo.InvariantCulture)}"
            : message.IsRequest ? command.RequestAbbreviation : command.AnswerAbbreviation;
        return message.IsRequest ? name : $"{name} {Result(message)}";
    }

    /// <summary>Result-Code, or the Experimental-Result-Code of a Cx answer (TS 29.229 6.2).</summary>
    public static string Result(DiameterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.GetUnsigned32(Avps.ResultCode) is { } code)
        {
            return code.ToString(CultureInfo.InvariantCulture);
        }

        return message.Find(Avps.ExperimentalResult)?.Find(Avps.ExperimentalResultCode.Code, Avps.ExperimentalResultCode.VendorId) is { } avp
            && avp.TryGetUnsigned32(out var experimental)
            ? experimental.ToString(CultureInfo.InvariantCulture)
            : "?";
    }

    private static string DiameterFull(byte[] bytes)
    {
        var decoded = DiameterDecoder.Decode(bytes);
        if (!decoded.IsSuccess)
        {
            return "Diameter (undecodable)";
        }

        var text = new StringBuilder(Diameter(bytes)).Append('\n');
        foreach (var avp in decoded.Message.Avps)
        {
            Append(text, avp, 1);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, DiameterAvp avp, int depth)
    {
        var definition = DiameterDictionary.Ims.FindAvp(avp.Code, avp.VendorId);
        text.Append(' ', depth * 2).Append(definition?.Name ?? $"AVP {avp.Code.ToString(CultureInfo.InvariantCulture)}");
        if (avp.IsGrouped)
        {
            text.Append('\n');
            foreach (var child in avp.Children)
            {
                Append(text, child, depth + 1);
            }

            return;
        }

        text.Append(": ").Append(DiameterAvpFormatter.FormatValue(avp, definition)).Append('\n');
    }
}
