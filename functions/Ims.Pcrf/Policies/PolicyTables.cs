using Ims.Storage;

namespace Ims.Pcrf.Policies;

/// <summary>
/// Where the PCRF keeps its state: "PcrfPolicy", one partition per subscriber (a public identity,
/// lower-cased and encoded) plus the partition "default"; and "PcrfSession", one partition per Rx
/// Session-Id holding whose session it is and which AF (Origin-Host) owns it, so that an operator's
/// release finds the peer to send ASR to; and "PcrfSubscriberSession", one partition per subscriber
/// with a row per Session-Id, the index an operator's release (`ims policy release IMPU`) reads to
/// find a subscriber's live sessions without scanning every session.
/// </summary>
public static class PolicyTables
{
    public const string PolicyTable = "PcrfPolicy";
    public const string SessionTable = "PcrfSession";
    public const string SubscriberSessionTable = "PcrfSubscriberSession";
    public const string DefaultPartition = "default";
    public const string PolicyRow = "policy";
    public const string SessionRow = "session";

    public static string SubscriberKey(string subscriber) => TableKey.Encode(subscriber.Trim().ToLowerInvariant());

    public static string SessionKey(string sessionId) => TableKey.Encode(sessionId);

    public static TableEntity ToEntity(string partition, MediaPolicy policy) =>
        new(partition, PolicyRow, new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Media"] = string.Join(',', policy.AllowedMedia),
            ["Codecs"] = string.Join(',', policy.AllowedCodecs),
            ["MaxBandwidthKbps"] = policy.MaxBandwidthKbps,
        });

    public static MediaPolicy ToPolicy(TableEntity entity) => MediaPolicy.Of(
        (entity.GetString("Media") ?? string.Empty).Split(','),
        (entity.GetString("Codecs") ?? string.Empty).Split(','),
        entity.GetInt32("MaxBandwidthKbps") ?? 0);

    public static TableEntity ToEntity(RxSessionRecord session) =>
        new(SessionKey(session.SessionId), SessionRow, new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["SessionId"] = session.SessionId,
            ["Subscriber"] = session.Subscriber,
            ["AfHost"] = session.AfHost,
            ["AfRealm"] = session.AfRealm,
            ["Icid"] = session.Icid,
        });

    /// <summary>The index row of a session under its subscriber (RowKey: the encoded Session-Id).</summary>
    public static TableEntity ToIndexEntity(RxSessionRecord session) =>
        new(SubscriberKey(session.Subscriber), SessionKey(session.SessionId), new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["SessionId"] = session.SessionId,
        });

    /// <summary>Removes a session's index row; one already gone is not an error.</summary>
    public static async Task DeleteIndexAsync(ITableStore store, RxSessionRecord session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(session);
        await store.DeleteAsync(SubscriberSessionTable, SubscriberKey(session.Subscriber), SessionKey(session.SessionId), ETag.Any, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a session in the tables: its row, then its subscriber index. Removed is false when no row
    /// was held; Session is what the row said (null when it could not be read).
    /// </summary>
    public static async Task<(bool Removed, RxSessionRecord? Session)> RemoveSessionAsync(ITableStore store, string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var held = await store.GetAsync(SessionTable, SessionKey(sessionId), SessionRow, cancellationToken).ConfigureAwait(false);
        var deleted = await store.DeleteAsync(SessionTable, SessionKey(sessionId), SessionRow, ETag.Any, cancellationToken).ConfigureAwait(false);
        if (!deleted.IsOk)
        {
            return (false, null);
        }

        var session = held.IsOk ? ToSession(held.Value!) : null;
        if (session is { Subscriber.Length: > 0 })
        {
            await DeleteIndexAsync(store, session, cancellationToken).ConfigureAwait(false);
        }

        return (true, session);
    }

    public static RxSessionRecord? ToSession(TableEntity entity) =>
        entity.GetString("SessionId") is { } id && entity.GetString("AfHost") is { } host
            ? new RxSessionRecord(id, entity.GetString("Subscriber") ?? string.Empty, host, entity.GetString("AfRealm") ?? string.Empty, entity.GetString("Icid") ?? string.Empty)
            : null;
}

/// <summary>An authorised Rx session: its Session-Id, the subscriber, the AF that owns it, and the icid.</summary>
public sealed record RxSessionRecord(string SessionId, string Subscriber, string AfHost, string AfRealm, string Icid);
