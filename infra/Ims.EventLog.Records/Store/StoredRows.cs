using System.Globalization;
using System.Text;
using Ims.Storage;

namespace Ims.EventLog.Store;

/// <summary>Conversions between table entities and the rows the log keeps.</summary>
public static class StoredRows
{
    public static StoredRow From(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new StoredRow(
            entity.PartitionKey,
            entity.RowKey,
            entity.ETag.Value,
            entity.Properties.ToDictionary(p => p.Key, p => From(p.Value), StringComparer.Ordinal));
    }

    public static TableEntity ToEntity(StoredRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new TableEntity(
            row.PartitionKey,
            row.RowKey,
            row.Properties.Select(p => new KeyValuePair<string, object>(p.Key, ToValue(p.Value))),
            new ETag(row.ETag));
    }

    public static StoredValue From(object value) =>
        TablePropertyText.TryEncode(value, out var type, out var text) ? new(type, text) : new("s", value.ToString() ?? string.Empty);

    public static object ToValue(StoredValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        TablePropertyText.TryDecode(value.T, value.V, out var decoded);
        return decoded;
    }

    /// <summary>A query as one line of text: replay finds the recorded page of the same query by it.</summary>
    public static string Describe(TableQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = new StringBuilder();
        text.Append("pk=").Append(query.PartitionKey ?? "*");
        foreach (var filter in query.Filters)
        {
            var value = From(filter.Value);
            text.Append(';').Append(filter.Name).Append(' ').Append(filter.Operator).Append(' ').Append(value.T).Append(':').Append(value.V);
        }

        return text.Append(";top=").Append(query.PageSize.ToString(CultureInfo.InvariantCulture)).ToString();
    }
}
