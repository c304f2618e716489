using Ims.Storage;

namespace Ims.Cscf.Pcscf;

/// <summary>
/// The P-CSCF's registrations (Kamailio's ims_usrloc_pcscf), in table PcscfRegistration: one
/// partition per UE address as the P-CSCF sees it ("udp:127.0.0.1:5061"), because that is what
/// identifies a UE on its next request; one row per contact, holding the registered IMPUs
/// (P-Associated-URI) and the Service-Route to use for its requests (TS 24.229 5.2.2.1).
/// </summary>
internal static class PcscfRegistrations
{
    public const string Table = "PcscfRegistration";

    public static string PartitionOf(string transport, string source) => TableKey.Encode($"{transport.ToLowerInvariant()}:{source}");

    public static TableEntity Entity(string partition, string contact, string aor, IReadOnlyList<string> impus, IReadOnlyList<string> serviceRoute, DateTimeOffset expiresAt) =>
        new(partition, TableKey.Encode(contact), new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Contact"] = contact,
            ["Aor"] = aor,
            ["Impus"] = string.Join('\n', impus),
            ["ServiceRoute"] = string.Join('\n', serviceRoute),
            ["ExpiresAt"] = expiresAt,
        });

    /// <summary>The live registrations of one UE address at <paramref name="now"/>.</summary>
    public static async Task<IReadOnlyList<TableEntity>> LiveAsync(ITableStore store, string partition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var live = new List<TableEntity>();
        await foreach (var entity in store.QueryPartitionAsync(Table, partition, cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetDateTimeOffset("ExpiresAt") is { } expires && expires > now)
            {
                live.Add(entity);
            }
        }

        return live;
    }
}
