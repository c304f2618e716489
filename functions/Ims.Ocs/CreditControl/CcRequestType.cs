namespace Ims.Ocs.CreditControl;

/// <summary>CC-Request-Type (RFC 4006 8.3).</summary>
public enum CcRequestType : uint
{
    Initial = 1,
    Update = 2,
    Termination = 3,
    Event = 4,
}

/// <summary>Requested-Action of an EVENT request (RFC 4006 8.41).</summary>
public enum CcRequestedAction : uint
{
    DirectDebiting = 0,
    RefundAccount = 1,
    CheckBalance = 2,
    PriceEnquiry = 3,
}

/// <summary>Subscription-Id-Type (RFC 4006 8.47).</summary>
public enum SubscriptionIdType : uint
{
    EndUserE164 = 0,
    EndUserImsi = 1,
    EndUserSipUri = 2,
    EndUserNai = 3,
    EndUserPrivate = 4,
}
