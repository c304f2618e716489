using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;

namespace Ims.Cscf.Charging;

/// <summary>
/// What a CCA says to the S-CSCF (RFC 4006 3.2, 8.16-8.35): the result (top level, or of the
/// Multiple-Services-Credit-Control when the top level is success), the seconds granted, how long
/// the grant is valid, and whether it is the final one.
/// </summary>
public sealed record RoCreditAnswer(uint ResultCode, uint? GrantedSeconds, uint? ValiditySeconds, bool IsFinalGrant, uint? FailureHandling)
{
    public bool IsSuccess => ResultCode is >= 2000 and < 3000;

    /// <summary>DIAMETER_CREDIT_LIMIT_REACHED (RFC 4006 9.1): the call is refused (402) or ended.</summary>
    public bool IsCreditLimitReached => ResultCode == 4012;

    /// <summary>The answer's content, or null when it carries no Result-Code at all.</summary>
    public static RoCreditAnswer? Read(DiameterMessage cca)
    {
        ArgumentNullException.ThrowIfNull(cca);
        if (cca.GetUnsigned32(Avps.ResultCode) is not { } result)
        {
            return null;
        }

        var mscc = cca.Find(Avps.MultipleServicesCreditControl);
        var granted = Time(cca.Find(Avps.GrantedServiceUnit)) ?? Time(mscc?.Find(Avps.GrantedServiceUnit.Code));
        var validity = cca.GetUnsigned32(Avps.ValidityTime) ?? Unsigned(mscc?.Find(Avps.ValidityTime.Code));
        var final = cca.Find(Avps.FinalUnitIndication) is not null || mscc?.Find(Avps.FinalUnitIndication.Code) is not null;
        if (result is >= 2000 and < 3000 && Unsigned(mscc?.Find(Avps.ResultCode.Code)) is { } serviceResult)
        {
            result = serviceResult;
        }

        return new RoCreditAnswer(result, granted, validity, final, cca.GetUnsigned32(Avps.CreditControlFailureHandling));
    }

    private static uint? Time(DiameterAvp? unit) => Unsigned(unit?.Find(Avps.CcTime.Code));

    private static uint? Unsigned(DiameterAvp? avp) => avp is not null && avp.TryGetUnsigned32(out var value) ? value : null;
}
