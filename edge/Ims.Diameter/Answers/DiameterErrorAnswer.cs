using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;

namespace Ims.Diameter.Answers;

/// <summary>
/// Turns a rejected request into its answer (RFC 6733 7.2): Session-Id when known, Origin-Host,
/// Origin-Realm, Result-Code, Error-Message and Failed-AVP. The E bit is set for protocol errors
/// (3xxx) only; 5xxx answers are ordinary answers (RFC 6733 7.1.3, 7.1.5).
/// </summary>
public static class DiameterErrorAnswer
{
    /// <summary>The answer, or null when there is nothing to answer: no readable header, or the rejected message was itself an answer (RFC 6733 7.2 answers only requests).</summary>
    public static DiameterMessage? Create(DiameterDecodeError error, string originHost, string originRealm)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(originHost);
        ArgumentNullException.ThrowIfNull(originRealm);
        if (error.Header is not { IsRequest: true } header)
        {
            return null;
        }

        var resultCode = error.ResultCode;
        var answer = DiameterMessageBuilder.Answer(header, error.SessionId, resultCode.IsProtocolError)
            .Add(Avps.OriginHost, originHost)
            .Add(Avps.OriginRealm, originRealm)
            .AddResultCode(resultCode)
            .Add(Avps.ErrorMessage, error.Detail);
        if (error.FailedAvp is { } failed)
        {
            answer.Add(new DiameterAvp(Avps.FailedAvp.Code, Avps.FailedAvp.Flags, 0, [failed]));
        }

        return answer.Build();
    }
}
