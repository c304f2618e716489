using Ims.Cscf.Dialogs;
using Ims.Storage;

namespace Ims.Cscf.Pcscf;

/// <summary>
/// The P-CSCF's Rx sessions (Kamailio's ims_qos, one AF session per side of a call), in table
/// PcscfRxSession: partition the Call-ID, row the side ("orig" for the caller's UE, "term" for the
/// callee's), because in one P-CSCF both UEs of a call have their own AF session (TS 29.214 4.4.1).
/// Each row holds its Rx Session-Id, the subscriber, the icid, the SDP offer and answer, and once a
/// 2xx confirmed the call, its <see cref="ConfirmedDialog"/> for a release ordered by the PCRF. A
/// second row per session (partition "sid:" + Session-Id) finds the call from an ASR or RAR.
/// </summary>
internal static class PcscfRxSessions
{
    public const string Table = "PcscfRxSession";

    public const string Originating = "orig";

    public const string Terminating = "term";

    private const string IndexRow = "index";

    /// <summary>
    /// The Session-Id of a side of a call (RFC 6733 8.8: DiameterIdentity;high;low[;optional]),
    /// derived from the Call-ID and the side so that a replayed event sends the same AAR.
    /// </summary>
    public static string SessionIdOf(string originHost, string callId, string side)
    {
        var token = Proxy.DerivedToken.Of("rx", callId, side);
        return $"{originHost};{token[..8]};{token[8..16]};{side}";
    }

    public static TableEntity Row(RxSessionRow row) =>
        new(TableKey.Encode(row.CallId), row.Side, Properties(row));

    public static TableEntity Index(RxSessionRow row) =>
        new(IndexPartition(row.SessionId), IndexRow, new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["CallId"] = row.CallId,
            ["Side"] = row.Side,
        });

    /// <summary>A new session: its row and the index row an ASR or RAR finds it by.</summary>
    public static async Task SaveAsync(ITableStore store, RxSessionRow row, CancellationToken cancellationToken)
    {
        await store.UpsertAsync(Table, Row(row), cancellationToken).ConfigureAwait(false);
        await store.UpsertAsync(Table, Index(row), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A session already saved: only its row changes (the index names the Call-ID and side, which do
    /// not). One fsynced write fewer per update; writes are what bound the calls per second.
    /// </summary>
    public static async Task UpdateAsync(ITableStore store, RxSessionRow row, CancellationToken cancellationToken) =>
        await store.UpsertAsync(Table, Row(row), cancellationToken).ConfigureAwait(false);

    public static async Task<RxSessionRow?> ReadAsync(ITableStore store, string callId, string side, CancellationToken cancellationToken)
    {
        var read = await store.GetAsync(Table, TableKey.Encode(callId), side, cancellationToken).ConfigureAwait(false);
        return read.IsOk ? FromEntity(read.Value!) : null;
    }

    /// <summary>The session an ASR or RAR names, or null when this P-CSCF holds none by that id.</summary>
    public static async Task<RxSessionRow?> FindAsync(ITableStore store, string sessionId, CancellationToken cancellationToken)
    {
        var index = await store.GetAsync(Table, IndexPartition(sessionId), IndexRow, cancellationToken).ConfigureAwait(false);
        if (!index.IsOk || index.Value!.GetString("CallId") is not { } callId || index.Value.GetString("Side") is not { } side)
        {
            return null;
        }

        return await ReadAsync(store, callId, side, cancellationToken).ConfigureAwait(false) is { } row && row.SessionId == sessionId ? row : null;
    }

    /// <summary>The sessions of a call, both sides; none when the call never had one or they are over.</summary>
    public static async Task<IReadOnlyList<RxSessionRow>> OfCallAsync(ITableStore store, string callId, CancellationToken cancellationToken)
    {
        var rows = new List<RxSessionRow>();
        foreach (var side in new[] { Originating, Terminating })
        {
            if (await ReadAsync(store, callId, side, cancellationToken).ConfigureAwait(false) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>Deleting twice (a late or repeated event) is harmless: an absent row is not an error.</summary>
    public static async Task DeleteAsync(ITableStore store, RxSessionRow row, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(Table, TableKey.Encode(row.CallId), row.Side, ETag.Any, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(Table, IndexPartition(row.SessionId), IndexRow, ETag.Any, cancellationToken).ConfigureAwait(false);
    }

    private static string IndexPartition(string sessionId) => TableKey.Encode("sid:" + sessionId);

    private static Dictionary<string, object> Properties(RxSessionRow row)
    {
        var properties = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["CallId"] = row.CallId,
            ["SessionId"] = row.SessionId,
            ["Subscriber"] = row.Subscriber,
            ["Icid"] = row.Icid,
            ["Offer"] = row.Offer,
            ["Ended"] = row.Ended,
        };
        if (row.Answer is not null)
        {
            properties["Answer"] = row.Answer;
        }

        if (row.Dialog is not null)
        {
            properties["Dialog"] = row.Dialog.ToJson();
        }

        if (row.CallerTag is not null)
        {
            properties["CallerTag"] = row.CallerTag;
        }

        if (row.UeOffered is { } ueOffered)
        {
            properties["UeOffered"] = ueOffered;
        }

        return properties;
    }

    private static RxSessionRow? FromEntity(TableEntity entity) =>
        entity.GetString("CallId") is { } callId && entity.GetString("SessionId") is { } sessionId
            ? new RxSessionRow(
                callId,
                entity.RowKey,
                sessionId,
                entity.GetString("Subscriber") ?? string.Empty,
                entity.GetString("Icid") ?? string.Empty,
                entity.GetString("Offer") ?? string.Empty,
                entity.GetString("Answer"),
                ConfirmedDialog.FromJson(entity.GetString("Dialog")),
                entity.GetBoolean("Ended") ?? false,
                entity.GetString("CallerTag"),
                entity.GetBoolean("UeOffered"))
            : null;
}

/// <summary>
/// One AF session of a call at the P-CSCF. <paramref name="Ended"/>: the PCRF already has this
/// session's STR (it aborted it, or the update was refused before the call was confirmed), so the
/// 2xx that confirms the call is released instead of kept.
/// </summary>
/// <param name="CallerTag">
/// The From tag of the INVITE that set the call up: every request the caller sends in the dialog
/// carries it as its From tag, every request of the callee carries its own (RFC 3261 12.2.1.1), which
/// is how an in-dialog request is told to come from one end or the other.
/// </param>
/// <param name="UeOffered">
/// Whether the offer now held came from this side's UE; null until a re-INVITE or UPDATE changed it,
/// when the side tells (the caller's UE offered the call, the callee's UE answered it).
/// </param>
internal sealed record RxSessionRow(
    string CallId,
    string Side,
    string SessionId,
    string Subscriber,
    string Icid,
    string Offer,
    string? Answer,
    ConfirmedDialog? Dialog,
    bool Ended = false,
    string? CallerTag = null,
    bool? UeOffered = null)
{
    public bool OfferFromUe => UeOffered ?? Side == PcscfRxSessions.Originating;
}
