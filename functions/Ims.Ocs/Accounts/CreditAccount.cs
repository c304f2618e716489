using System.Globalization;

namespace Ims.Ocs.Accounts;

/// <summary>
/// A subscriber's prepaid balance. Amounts are whole units: seconds for a
/// <see cref="CreditUnit.Seconds"/> account (rate 1), millionths of the currency for a
/// <see cref="CreditUnit.Money"/> account, charged <see cref="RatePerSecond"/> per second of use.
/// <see cref="Reserved"/> is what open credit-control sessions hold (RFC 4006 5.1.2: granted units
/// are reserved until the client reports them used).
/// </summary>
public sealed record CreditAccount
{
    /// <summary>Millionths per currency unit: money is kept in integers so reservations and refunds add up exactly.</summary>
    public const long MoneyScale = 1_000_000;

    public required string Subscriber { get; init; }

    public CreditUnit Unit { get; init; } = CreditUnit.Seconds;

    public long Balance { get; init; }

    /// <summary>Units charged per second; 1 for a seconds account.</summary>
    public long RatePerSecond { get; init; } = 1;

    public long Reserved { get; init; }

    /// <summary>Whole seconds the balance still pays for, beyond what is reserved.</summary>
    public long AvailableSeconds => RatePerSecond <= 0 ? 0 : Math.Max(0, Balance - Reserved) / RatePerSecond;

    public static CreditAccount InSeconds(string subscriber, long seconds) =>
        new() { Subscriber = subscriber, Unit = CreditUnit.Seconds, Balance = seconds, RatePerSecond = 1 };

    public static CreditAccount InMoney(string subscriber, decimal amount, decimal ratePerSecond) =>
        new() { Subscriber = subscriber, Unit = CreditUnit.Money, Balance = ToMillionths(amount), RatePerSecond = ToMillionths(ratePerSecond) };

    /// <summary>Holds <paramref name="seconds"/> of service for a session.</summary>
    public CreditAccount Reserve(long seconds) => this with { Reserved = Reserved + (seconds * RatePerSecond) };

    /// <summary>
    /// Debits what a session used and releases what it had reserved (RFC 4006 5.1.2: unused units
    /// return to the balance). The balance never goes below zero: use beyond it cannot be charged.
    /// </summary>
    public CreditAccount Settle(long usedSeconds, long reservedSeconds)
    {
        var debit = Math.Min(Balance, Math.Max(0, usedSeconds) * RatePerSecond);
        return this with { Balance = Balance - debit, Reserved = Math.Max(0, Reserved - (reservedSeconds * RatePerSecond)) };
    }

    /// <summary>Adds back units (RFC 4006 5.3 REFUND_ACCOUNT).</summary>
    public CreditAccount Refund(long seconds) => this with { Balance = Balance + (Math.Max(0, seconds) * RatePerSecond) };

    /// <summary>The balance as an operator reads it: "120 s" or "4.5 (rate 0.02/s)".</summary>
    public string Describe() => Unit == CreditUnit.Seconds
        ? $"{Balance.ToString(CultureInfo.InvariantCulture)} s (reserved {Reserved.ToString(CultureInfo.InvariantCulture)} s)"
        : $"{FormatMoney(Balance)} at {FormatMoney(RatePerSecond)}/s = {(Balance / Math.Max(1, RatePerSecond)).ToString(CultureInfo.InvariantCulture)} s (reserved {FormatMoney(Reserved)})";

    public static long ToMillionths(decimal amount) => (long)decimal.Round(amount * MoneyScale, 0, MidpointRounding.ToZero);

    public static string FormatMoney(long millionths) =>
        ((decimal)millionths / MoneyScale).ToString("0.######", CultureInfo.InvariantCulture);
}
