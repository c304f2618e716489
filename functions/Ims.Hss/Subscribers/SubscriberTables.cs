using Ims.Aka.Milenage;
using Ims.Storage;

namespace Ims.Hss.Subscribers;

/// <summary>
/// Where subscriber data lives in the table store, and the mapping between entities and records.
/// Two tables (see TABLES.md): "Impi", one partition per private identity, and "Impu", one
/// partition per public identity. Keys are <see cref="TableKey.Encode"/>d because SIP URIs may hold
/// characters a key may not ('/', '?', '#').
/// </summary>
public static class SubscriberTables
{
    public const string ImpiTable = "Impi";
    public const string ImpuTable = "Impu";

    /// <summary>The one row of an Impi or Impu partition.</summary>
    public const string ImpiRow = "impi";
    public const string ImpuRow = "impu";

    public static string ImpiKey(string impi) => TableKey.Encode(impi);

    /// <summary>
    /// SIP URIs compare case-insensitively in scheme and host, and a CSCF may write either case;
    /// the key uses a lower-case form so one identity has one partition.
    /// </summary>
    public static string ImpuKey(string impu) => TableKey.Encode(impu.Trim().ToLowerInvariant());

    public static TableEntity ToEntity(ImpiRecord record, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var properties = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Impi"] = record.Impi,
            ["K"] = record.Keys.K,
            ["Opc"] = record.Keys.Opc,
            ["Amf"] = record.Amf,
            ["Sqn"] = record.Sqn,
            ["Schemes"] = AuthSchemeNames.Format(record.Schemes),
            ["Impus"] = string.Join('\n', record.Impus),
        };
        AddIfSet(properties, "DigestHa1", record.DigestHa1);
        AddIfSet(properties, "DigestRealm", record.DigestRealm);
        AddIfSet(properties, "Ifc", record.IfcXml);
        AddIfSet(properties, "AuthServerName", record.AuthServerName);
        return new TableEntity(ImpiKey(record.Impi), ImpiRow, properties, etag);
    }

    /// <summary>The record, or null when the entity lacks what every Impi row holds (a damaged row).</summary>
    public static ImpiRecord? ToImpi(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.GetString("Impi") is not { } impi
            || entity.GetBinary("K") is not { Length: SubscriberKeys.KeyLength } k
            || entity.GetBinary("Opc") is not { Length: SubscriberKeys.KeyLength } opc
            || entity.GetBinary("Amf") is not { Length: MilenageAlgorithm.AmfLength } amf
            || entity.GetInt64("Sqn") is not { } sqn)
        {
            return null;
        }

        return new ImpiRecord
        {
            Impi = impi,
            Keys = SubscriberKeys.FromOpc(k.Span, opc.Span),
            Amf = amf.ToArray(),
            Sqn = sqn,
            Schemes = AuthSchemeNames.Parse(entity.GetString("Schemes")),
            DigestHa1 = entity.GetString("DigestHa1"),
            DigestRealm = entity.GetString("DigestRealm"),
            Impus = (entity.GetString("Impus") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries),
            IfcXml = entity.GetString("Ifc"),
            AuthServerName = entity.GetString("AuthServerName"),
        };
    }

    public static TableEntity ToEntity(ImpuRecord record, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var properties = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Impu"] = record.Impu,
            ["Impi"] = record.Impi,
            ["Barred"] = record.Barred,
            ["ImplicitSet"] = record.ImplicitSet,
            ["State"] = record.State.ToToken(),
        };
        AddIfSet(properties, "ServerName", record.ServerName);
        if (record.ChangedAt is { } changedAt)
        {
            properties["ChangedAt"] = changedAt;
        }

        return new TableEntity(ImpuKey(record.Impu), ImpuRow, properties, etag);
    }

    public static ImpuRecord? ToImpu(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.GetString("Impu") is not { } impu || entity.GetString("Impi") is not { } impi)
        {
            return null;
        }

        return new ImpuRecord
        {
            Impu = impu,
            Impi = impi,
            Barred = entity.GetBoolean("Barred") ?? false,
            ImplicitSet = entity.GetString("ImplicitSet") ?? ImpuRecord.DefaultImplicitSet,
            State = RegistrationStateNames.FromToken(entity.GetString("State")),
            ServerName = entity.GetString("ServerName"),
            ChangedAt = entity.GetDateTimeOffset("ChangedAt"),
        };
    }

    /// <summary>The Impi row with the ETag it was read with, or null when absent or damaged.</summary>
    public static async Task<(ImpiRecord Record, ETag ETag)?> ReadImpiAsync(ITableStore store, string impi, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!IsUsableKey(impi))
        {
            return null;
        }

        var read = await store.GetAsync(ImpiTable, ImpiKey(impi), ImpiRow, cancellationToken).ConfigureAwait(false);
        return read.IsOk && ToImpi(read.Value!) is { } record ? (record, read.Value!.ETag) : null;
    }

    public static async Task<(ImpuRecord Record, ETag ETag)?> ReadImpuAsync(ITableStore store, string impu, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!IsUsableKey(impu))
        {
            return null;
        }

        var read = await store.GetAsync(ImpuTable, ImpuKey(impu), ImpuRow, cancellationToken).ConfigureAwait(false);
        return read.IsOk && ToImpu(read.Value!) is { } record ? (record, read.Value!.ETag) : null;
    }

    /// <summary>Identities from a peer may be empty or too long for a key; those are simply unknown.</summary>
    public static bool IsUsableKey(string? identity) =>
        !string.IsNullOrWhiteSpace(identity) && TableKey.Encode(identity).Length <= TableKey.MaxLength;

    private static void AddIfSet(Dictionary<string, object> properties, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            properties[name] = value;
        }
    }
}
