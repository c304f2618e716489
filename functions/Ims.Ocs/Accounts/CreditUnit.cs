namespace Ims.Ocs.Accounts;

/// <summary>What a balance counts: seconds of service, or money charged per second at the account's rate.</summary>
public enum CreditUnit
{
    Seconds,
    Money,
}
