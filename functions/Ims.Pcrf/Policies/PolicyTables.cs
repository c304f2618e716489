using Ims.Storage;

namespace Ims.Pcrf.Policies;

/// <summary>
/// Where the PCRF keeps its state: "PcrfPolicy", one partition per subscriber (a public identity,
/// lower-cased and encoded) plus the partition "default"; and "PcrfSession", one partition per Rx
/// Session-Id holding whose session it is and which AF (Origin-Host) owns it, so that an operator's
/// release finds the peer to send ASR to.
/// </summary>
public static class PolicyTables
{
    public const string PolicyTable = "PcrfPolicy";
    public const string SessionTable = "PcrfSession";
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

    public static RxSessionRecord? ToSession(TableEntity entity) =>
        entity.GetString("SessionId") is { } id && entity.GetString("AfHost") is { } host
            ? new RxSessionRecord(id, entity.GetString("Subscriber") ?? string.Empty, host, entity.GetString("AfRealm") ?? string.Empty, entity.GetString("Icid") ?? string.Empty)
            : null;
}

/// <summary>An authorised Rx session: its Session-Id, the subscriber, the AF that owns it, and the icid.</summary>
public sealed record RxSessionRecord(string SessionId, string Subscriber, string AfHost, string AfRealm, string Icid);
