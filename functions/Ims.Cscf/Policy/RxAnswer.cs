using System.Globalization;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Values;
using Ims.Events;

namespace Ims.Cscf.Policy;

/// <summary>
/// An Rx answer (AAA, STA) as the P-CSCF reads it: granted, refused with a Result-Code or a 3GPP
/// Experimental-Result-Code (TS 29.214 5.5), or not there at all (the PCRF could not be reached).
/// </summary>
internal sealed record RxAnswer(uint? ResultCode, uint? ExperimentalCode, string? Failure)
{
    public bool IsSuccess => ResultCode is 2001 or 2002 || (ResultCode is null && ExperimentalCode is 2001);

    /// <summary>No answer came: timeout, no route or the connection down; the PCRF said nothing.</summary>
    public bool IsUnreachable => Failure is not null;

    /// <summary>The outcome in one word for decisions: "2001", "e5063", or the failure.</summary>
    public string Outcome => Failure
        ?? (ExperimentalCode is { } e ? "e" + e.ToString(CultureInfo.InvariantCulture)
        : ResultCode is { } r ? r.ToString(CultureInfo.InvariantCulture) : "no result code");

    public static RxAnswer Of(DiameterAnswerReceived received)
    {
        ArgumentNullException.ThrowIfNull(received);
        if (received.Message is null)
        {
            return new RxAnswer(null, null, received.Failure switch
            {
                DiameterDeliveryFailure.Timeout => "PCRF timeout",
                DiameterDeliveryFailure.NoRoute => "no route to the PCRF",
                _ => "PCRF connection down",
            });
        }

        var decoded = DiameterDecoder.Decode(received.Message);
        if (!decoded.IsSuccess || decoded.Message.IsRequest)
        {
            // An answer the P-CSCF cannot read grants nothing; it counts as a refusal, not as silence.
            return new RxAnswer(DiameterResultCode.UnableToComply.Value, null, null);
        }

        var message = decoded.Message;
        uint? experimental = null;
        if (message.Find(Avps.ExperimentalResult) is { } group
            && group.Find(Avps.ExperimentalResultCode.Code)?.TryGetUnsigned32(out var code) == true)
        {
            experimental = code;
        }

        return new RxAnswer(message.GetUnsigned32(Avps.ResultCode), experimental, null);
    }
}
