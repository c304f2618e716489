namespace Ims.Ifc.Subscription;

/// <summary>The outcome of reading subscription XML: a subscription, or the reason it was refused.</summary>
public sealed record SubscriptionReadResult(ImsSubscription? Subscription, string? Error)
{
    public bool IsValid => Subscription is not null;

    internal static SubscriptionReadResult Ok(ImsSubscription subscription) => new(subscription, null);

    internal static SubscriptionReadResult Fail(string error) => new(null, error);
}
