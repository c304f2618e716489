using Ims.Storage;

namespace Ims.Ocs.Accounts;

/// <summary>
/// Where the OCS keeps its state: "OcsAccount", one partition per subscriber (a public identity,
/// lower-cased and <see cref="TableKey.Encode"/>d), and "OcsSession", one partition per
/// credit-control Session-Id. The balance row is written with its ETag, so two sessions of one
/// subscriber cannot both spend the same units.
/// </summary>
public static class CreditTables
{
    public const string AccountTable = "OcsAccount";
    public const string SessionTable = "OcsSession";
    public const string AccountRow = "account";
    public const string SessionRow = "session";

    /// <summary>
    /// The subscriber an identity names: a SIP or tel URI as written (lower case), and a bare E.164
    /// number (Subscription-Id-Type END_USER_E164, RFC 4006 8.47) as its tel URI (RFC 3966).
    /// </summary>
    public static string SubscriberOf(string identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var trimmed = identity.Trim();
        if (trimmed.Length > 0 && trimmed.All(c => char.IsAsciiDigit(c) || c == '+'))
        {
            return "tel:+" + trimmed.TrimStart('+');
        }

        return trimmed.ToLowerInvariant();
    }

    public static string AccountKey(string subscriber) => TableKey.Encode(SubscriberOf(subscriber));

    public static string SessionKey(string sessionId) => TableKey.Encode(sessionId);

    public static TableEntity ToEntity(CreditAccount account, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new TableEntity(AccountKey(account.Subscriber), AccountRow, new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Subscriber"] = SubscriberOf(account.Subscriber),
            ["Unit"] = account.Unit.ToString(),
            ["Balance"] = account.Balance,
            ["RatePerSecond"] = account.RatePerSecond,
            ["Reserved"] = account.Reserved,
        }, etag);
    }

    /// <summary>The account, or null for a row that lacks what every account holds.</summary>
    public static CreditAccount? ToAccount(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.GetString("Subscriber") is not { } subscriber
            || !Enum.TryParse<CreditUnit>(entity.GetString("Unit"), out var unit)
            || entity.GetInt64("Balance") is not { } balance
            || entity.GetInt64("RatePerSecond") is not { } rate)
        {
            return null;
        }

        return new CreditAccount { Subscriber = subscriber, Unit = unit, Balance = balance, RatePerSecond = rate, Reserved = entity.GetInt64("Reserved") ?? 0 };
    }

    public static TableEntity ToEntity(CreditSession session, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new TableEntity(SessionKey(session.SessionId), SessionRow, new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["SessionId"] = session.SessionId,
            ["Subscriber"] = session.Subscriber,
            ["ReservedSeconds"] = session.ReservedSeconds,
            ["UsedSeconds"] = session.UsedSeconds,
            ["LastRequestNumber"] = (long)session.LastRequestNumber,
            ["LastGrantSeconds"] = session.LastGrantSeconds,
        }, etag);
    }

    public static CreditSession? ToSession(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.GetString("SessionId") is not { } id || entity.GetString("Subscriber") is not { } subscriber)
        {
            return null;
        }

        return new CreditSession
        {
            SessionId = id,
            Subscriber = subscriber,
            ReservedSeconds = entity.GetInt64("ReservedSeconds") ?? 0,
            UsedSeconds = entity.GetInt64("UsedSeconds") ?? 0,
            LastRequestNumber = (uint)(entity.GetInt64("LastRequestNumber") ?? 0),
            LastGrantSeconds = entity.GetInt64("LastGrantSeconds") ?? 0,
        };
    }
}
