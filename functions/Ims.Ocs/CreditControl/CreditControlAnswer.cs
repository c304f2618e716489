using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Ocs.CreditControl;

/// <summary>
/// CCA (RFC 4006 3.2): Session-Id, Result-Code, Origin-Host, Origin-Realm, Auth-Application-Id,
/// CC-Request-Type and CC-Request-Number, then the grant when there is one.
/// </summary>
internal static class CreditControlAnswer
{
    /// <summary>Final-Unit-Action TERMINATE (RFC 4006 8.35): the client ends the service when the last grant is used.</summary>
    private const uint Terminate = 0;

    public static DiameterMessageBuilder Head(CreditControlRequest request, OcsOptions options, DiameterResultCode result) =>
        DiameterMessageBuilder.Answer(request.Message)
            .AddResultCode(result)
            .Add(Avps.OriginHost, options.OriginHost)
            .Add(Avps.OriginRealm, options.OriginRealm)
            .Add(Avps.AuthApplicationId, DiameterApplicationId.CreditControl.Value)
            .Add(Avps.CcRequestType, (uint)request.Type)
            .Add(Avps.CcRequestNumber, request.Number);

    public static DiameterMessage Result(CreditControlRequest request, OcsOptions options, DiameterResultCode result, string? errorMessage = null)
    {
        var answer = Head(request, options, result);
        if (errorMessage is not null)
        {
            answer.Add(Avps.ErrorMessage, errorMessage);
        }

        return answer.Build();
    }

    /// <summary>
    /// A grant of <paramref name="seconds"/> with its Validity-Time (RFC 4006 8.17, 8.33); when it
    /// is less than was asked for because the balance ends there, Final-Unit-Indication TERMINATE
    /// (RFC 4006 5.6.1) tells the client that no more will follow.
    /// </summary>
    public static DiameterMessage Grant(CreditControlRequest request, OcsOptions options, long seconds, bool final)
    {
        var answer = Head(request, options, DiameterResultCode.Success);
        if (request.MultipleServices)
        {
            answer.Add(Avps.MultipleServicesCreditControl, mscc =>
            {
                mscc.Add(Avps.GrantedServiceUnit, gsu => gsu.Add(Avps.CcTime, (uint)seconds))
                    .Add(Avps.ValidityTime, options.ValiditySeconds)
                    .Add(Avps.ResultCode, DiameterResultCode.Success.Value);
                if (final)
                {
                    mscc.Add(Avps.FinalUnitIndication, fui => fui.Add(Avps.FinalUnitAction, Terminate));
                }
            });
            return answer.Build();
        }

        answer.Add(Avps.GrantedServiceUnit, gsu => gsu.Add(Avps.CcTime, (uint)seconds))
            .Add(Avps.ValidityTime, options.ValiditySeconds);
        if (final)
        {
            answer.Add(Avps.FinalUnitIndication, fui => fui.Add(Avps.FinalUnitAction, Terminate));
        }

        return answer.Build();
    }

    /// <summary>
    /// A malformed CCR (RFC 6733 7.1.5, 7.5): the result, Error-Message and Failed-AVP, with the CCA's
    /// own required AVPs where the request let them be read.
    /// </summary>
    public static DiameterMessage Refusal(DiameterMessage request, DiameterDecodeError error, OcsOptions options)
    {
        var answer = DiameterMessageBuilder.Answer(request)
            .AddResultCode(error.ResultCode)
            .Add(Avps.OriginHost, options.OriginHost)
            .Add(Avps.OriginRealm, options.OriginRealm)
            .Add(Avps.AuthApplicationId, DiameterApplicationId.CreditControl.Value);
        if (request.Find(Avps.CcRequestType) is { } type)
        {
            answer.Add(type);
        }

        if (request.Find(Avps.CcRequestNumber) is { } number)
        {
            answer.Add(number);
        }

        answer.Add(Avps.ErrorMessage, error.Detail);
        if (error.FailedAvp is { } failed)
        {
            answer.Add(new DiameterAvp(Avps.FailedAvp.Code, Avps.FailedAvp.Flags, 0, [failed]));
        }

        return answer.Build();
    }
}
