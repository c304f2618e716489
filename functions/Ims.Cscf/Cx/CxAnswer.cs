using System.Globalization;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Events;

namespace Ims.Cscf.Cx;

/// <summary>
/// A Cx answer as a CSCF reads it: the decoded message and its outcome, either a Result-Code or a
/// 3GPP Experimental-Result-Code (TS 29.229 6.2), or the reason no answer came.
/// </summary>
internal sealed record CxAnswer(DiameterMessage? Message, uint? ResultCode, uint? ExperimentalCode, string? Failure)
{
    public bool IsSuccess => ResultCode == DiameterResultCode.Success.Value
        || ExperimentalCode is 2001 or 2002 or 2003 or 2004;

    public bool Is(DiameterExperimentalResultCode code) => ExperimentalCode == code.Value;

    /// <summary>The outcome in one word for decisions: "2001", "e5001", or the failure.</summary>
    public string Outcome => Failure
        ?? (ExperimentalCode is { } e ? "e" + e.ToString(CultureInfo.InvariantCulture)
        : ResultCode is { } r ? r.ToString(CultureInfo.InvariantCulture) : "no result code");

    public static CxAnswer Of(DiameterAnswerReceived received)
    {
        if (received.Message is null)
        {
            return new CxAnswer(null, null, null, received.Failure switch
            {
                DiameterDeliveryFailure.Timeout => "HSS timeout",
                DiameterDeliveryFailure.NoRoute => "no route to the HSS",
                _ => "HSS connection down",
            });
        }

        var decoded = DiameterDecoder.Decode(received.Message);
        if (!decoded.IsSuccess || decoded.Message.IsRequest)
        {
            return new CxAnswer(null, null, null, "unreadable answer from the HSS");
        }

        var message = decoded.Message;
        uint? experimental = null;
        if (message.Find(Avps.ExperimentalResult) is { } group
            && group.Find(Avps.ExperimentalResultCode.Code)?.TryGetUnsigned32(out var code) == true)
        {
            experimental = code;
        }

        return new CxAnswer(message, message.GetUnsigned32(Avps.ResultCode), experimental, null);
    }
}
