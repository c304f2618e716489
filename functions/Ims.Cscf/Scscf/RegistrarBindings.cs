using Ims.Storage;

namespace Ims.Cscf.Scscf;

/// <summary>
/// The registrar's bindings (Kamailio's ims_usrloc_scscf) in table ScscfRegistration, one partition
/// per registered IMPU (the To AOR), so that a registration's rows change together in one batch:
/// row "profile" holds the IMPI, the subscription (SAA User-Data) and the implicitly registered IMPUs;
/// one row per contact ("c~" + contact) holds the contact as registered, its Path and expiry.
/// </summary>
internal static class RegistrarBindings
{
    public const string Table = "ScscfRegistration";
    public const string ProfileRow = "profile";
    private const string ContactPrefix = "c~";

    public static string Partition(string impu) => TableKey.Encode(impu.ToLowerInvariant());

    public static string ContactRow(string contactUri) => ContactPrefix + TableKey.Encode(contactUri);

    public static bool IsContactRow(TableEntity entity) => entity.RowKey.StartsWith(ContactPrefix, StringComparison.Ordinal);

    public static TableEntity Profile(string impu, string impi, string userData, IReadOnlyList<string> associated) =>
        new(Partition(impu), ProfileRow, new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Impu"] = impu,
            ["Impi"] = impi,
            ["UserData"] = userData,
            ["AssociatedUris"] = string.Join('\n', associated),
        });

    public static TableEntity Contact(string impu, string impi, string contactUri, string contactValue, IReadOnlyList<string> path, string callId, long cseq, DateTimeOffset expiresAt) =>
        new(Partition(impu), ContactRow(contactUri), new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Impu"] = impu,
            ["Impi"] = impi,
            ["ContactUri"] = contactUri,
            ["Contact"] = contactValue,
            ["Path"] = string.Join('\n', path),
            ["CallId"] = callId,
            ["CSeq"] = cseq,
            ["ExpiresAt"] = expiresAt,
        });

    /// <summary>Every row of the IMPU's registration (profile and contacts).</summary>
    public static async Task<List<TableEntity>> ReadAsync(ITableStore store, string impu, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in store.QueryPartitionAsync(Table, Partition(impu), cancellationToken).ConfigureAwait(false))
        {
            rows.Add(entity);
        }

        return rows;
    }

    public static IEnumerable<TableEntity> LiveContacts(IEnumerable<TableEntity> rows, DateTimeOffset now) =>
        rows.Where(r => IsContactRow(r) && r.GetDateTimeOffset("ExpiresAt") is { } e && e > now);
}
