using Ims.Cscf.Dialogs;
using Ims.Storage;

namespace Ims.Cscf.Charging;

/// <summary>
/// The S-CSCF's side of one charged call (RFC 4006 SCUR): its Ro Session-Id, the last CC-Request-Number
/// sent, who pays, the icid, the current grant, when the callee answered, the seconds already
/// reported, and the confirmed dialog it would release. Table ScscfRoSession: partition = Call-ID,
/// one row. Written only once the OCS granted (no CCR-U/T for a session never granted).
/// </summary>
/// <param name="TransactionId">The originating INVITE's transaction: only its final response starts or ends the session.</param>
/// <param name="FinalGrant">The grant carried Final-Unit-Indication (RFC 4006 5.6.1): when used, the call ends.</param>
internal sealed record RoChargingSession(
    string CallId,
    string SessionId,
    uint RequestNumber,
    string Subscriber,
    string Icid,
    string TransactionId,
    uint GrantedSeconds,
    uint? ValiditySeconds,
    bool FinalGrant,
    DateTimeOffset? AnsweredAt,
    long ReportedSeconds,
    ConfirmedDialog? Dialog,
    ETag ETag = default)
{
    public const string Table = "ScscfRoSession";
    private const string Row = "ro";

    public static string TimerId(string callId) => "scscf-ro|" + callId;

    /// <summary>
    /// Seconds of the call not yet reported at <paramref name="now"/>: the whole seconds since the
    /// answer, rounded to the nearest, less what earlier CCRs reported (TS 32.299 6.3.3).
    /// </summary>
    public long UsedSince(DateTimeOffset now)
    {
        if (AnsweredAt is not { } answered)
        {
            return 0;
        }

        var total = (long)Math.Round(Math.Max(0, (now - answered).TotalSeconds), MidpointRounding.AwayFromZero);
        return Math.Max(0, total - ReportedSeconds);
    }

    /// <summary>
    /// When to ask again (RFC 4006 5.1.2): a little before the granted seconds after the last report
    /// run out, or before Validity-Time (counted from this CCA) ends, whichever comes first; a final
    /// grant is used to its end instead, and then the call is released. Never before now.
    /// </summary>
    public DateTimeOffset NextReport(DateTimeOffset now)
    {
        var answered = AnsweredAt ?? now;
        var end = answered.AddSeconds(ReportedSeconds + GrantedSeconds);
        if (ValiditySeconds is { } validity && now.AddSeconds(validity) < end)
        {
            end = now.AddSeconds(validity);
        }

        // Margin for the CCR-U's round trip: a quarter of the grant, at most one second.
        var margin = FinalGrant ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(1.0, GrantedSeconds / 4.0));
        var due = end - margin;
        return due < now ? now : due;
    }

    public TableEntity ToEntity()
    {
        var properties = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["CallId"] = CallId,
            ["SessionId"] = SessionId,
            ["RequestNumber"] = (long)RequestNumber,
            ["Subscriber"] = Subscriber,
            ["Icid"] = Icid,
            ["TransactionId"] = TransactionId,
            ["GrantedSeconds"] = (long)GrantedSeconds,
            ["FinalGrant"] = FinalGrant,
            ["ReportedSeconds"] = ReportedSeconds,
        };
        if (ValiditySeconds is { } validity)
        {
            properties["ValiditySeconds"] = (long)validity;
        }

        if (AnsweredAt is { } answered)
        {
            properties["AnsweredAt"] = answered;
        }

        if (Dialog is not null)
        {
            properties["Dialog"] = Dialog.ToJson();
        }

        return new TableEntity(TableKey.Encode(CallId), Row, properties, ETag);
    }

    public static RoChargingSession? From(TableEntity entity) =>
        entity.GetString("CallId") is { } callId
        && entity.GetString("SessionId") is { } sessionId
        && entity.GetInt64("RequestNumber") is { } number
        && entity.GetString("Subscriber") is { } subscriber
        && entity.GetString("TransactionId") is { } transaction
            ? new RoChargingSession(
                callId,
                sessionId,
                (uint)number,
                subscriber,
                entity.GetString("Icid") ?? string.Empty,
                transaction,
                (uint)(entity.GetInt64("GrantedSeconds") ?? 0),
                entity.GetInt64("ValiditySeconds") is { } validity ? (uint)validity : null,
                entity.GetBoolean("FinalGrant") ?? false,
                entity.GetDateTimeOffset("AnsweredAt"),
                entity.GetInt64("ReportedSeconds") ?? 0,
                ConfirmedDialog.FromJson(entity.GetString("Dialog")),
                entity.ETag)
            : null;

    public static async Task<RoChargingSession?> ReadAsync(ITableStore store, string callId, CancellationToken cancellationToken)
    {
        var row = await store.GetAsync(Table, TableKey.Encode(callId), Row, cancellationToken).ConfigureAwait(false);
        return row.Value is { } entity ? From(entity) : null;
    }

    /// <summary>Deletes this row if nobody changed it since it was read: true for the one caller that ends the session.</summary>
    public async Task<bool> DeleteAsync(ITableStore store, CancellationToken cancellationToken) =>
        (await store.DeleteAsync(Table, TableKey.Encode(CallId), Row, ETag, cancellationToken).ConfigureAwait(false)).IsOk;
}
