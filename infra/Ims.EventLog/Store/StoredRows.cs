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

    public static StoredValue From(object value) => value switch
    {
        string s => new("s", s),
        int i => new("i", i.ToString(CultureInfo.InvariantCulture)),
        long l => new("l", l.ToString(CultureInfo.InvariantCulture)),
        bool b => new("b", b ? "1" : "0"),
        double d => new("d", d.ToString("R", CultureInfo.InvariantCulture)),
        DateTimeOffset t => new("t", t.UtcTicks.ToString(CultureInfo.InvariantCulture)),
        ReadOnlyMemory<byte> x => new("x", Convert.ToBase64String(x.Span)),
        byte[] x => new("x", Convert.ToBase64String(x)),
        _ => new("s", value.ToString() ?? string.Empty),
    };

    public static object ToValue(StoredValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.T switch
        {
            "i" => int.Parse(value.V, CultureInfo.InvariantCulture),
            "l" => long.Parse(value.V, CultureInfo.InvariantCulture),
            "b" => value.V == "1",
            "d" => double.Parse(value.V, CultureInfo.InvariantCulture),
            "t" => new DateTimeOffset(long.Parse(value.V, CultureInfo.InvariantCulture), TimeSpan.Zero),
            "x" => Convert.FromBase64String(value.V),
            _ => value.V,
        };
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
