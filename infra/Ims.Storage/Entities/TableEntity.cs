namespace Ims.Storage;

/// <summary>
/// An immutable entity: keys, the ETag it was read with, and a bag of typed properties. Values are
/// the types Azure Table storage holds: <see cref="string"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="bool"/>, <see cref="double"/>, <see cref="DateTimeOffset"/> (kept in UTC) and binary
/// (kept as an owned copy in a <see cref="ReadOnlyMemory{T}"/> of bytes; byte[] is accepted).
/// </summary>
public sealed class TableEntity
{
    private static readonly Dictionary<string, object> NoProperties = new(StringComparer.Ordinal);

    private readonly Dictionary<string, object> _properties;

    public TableEntity(string partitionKey, string rowKey)
        : this(partitionKey, rowKey, NoProperties, default)
    {
    }

    public TableEntity(string partitionKey, string rowKey, IEnumerable<KeyValuePair<string, object>> properties, ETag etag = default)
    {
        TableKey.Validate(partitionKey, nameof(partitionKey));
        TableKey.Validate(rowKey, nameof(rowKey));
        ArgumentNullException.ThrowIfNull(properties);
        PartitionKey = partitionKey;
        RowKey = rowKey;
        ETag = etag;
        _properties = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in properties)
        {
            _properties[name] = TableProperty.Normalize(name, value);
        }

        if (_properties.Count > TableProperty.MaxCount)
        {
            throw new ArgumentException($"an entity holds at most {TableProperty.MaxCount} properties", nameof(properties));
        }
    }

    private TableEntity(string partitionKey, string rowKey, Dictionary<string, object> properties, ETag etag, bool owned)
    {
        _ = owned;
        PartitionKey = partitionKey;
        RowKey = rowKey;
        _properties = properties;
        ETag = etag;
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>The version this entity was read or written as; empty for a new entity.</summary>
    public ETag ETag { get; }

    public IReadOnlyDictionary<string, object> Properties => _properties;

    /// <summary>A copy with one property set (the ETag is kept, so a read-modify-write stays conditional).</summary>
    public TableEntity With(string name, object value)
    {
        var copy = new Dictionary<string, object>(_properties, StringComparer.Ordinal)
        {
            [name] = TableProperty.Normalize(name, value),
        };
        if (copy.Count > TableProperty.MaxCount)
        {
            throw new ArgumentException($"an entity holds at most {TableProperty.MaxCount} properties", nameof(name));
        }

        return new TableEntity(PartitionKey, RowKey, copy, ETag, owned: true);
    }

    /// <summary>A copy without the named property.</summary>
    public TableEntity Without(string name)
    {
        var copy = new Dictionary<string, object>(_properties, StringComparer.Ordinal);
        copy.Remove(name);
        return new TableEntity(PartitionKey, RowKey, copy, ETag, owned: true);
    }

    /// <summary>A copy carrying another ETag.</summary>
    public TableEntity WithETag(ETag etag) => new(PartitionKey, RowKey, _properties, etag, owned: true);

    public string? GetString(string name) => Get<string>(name);

    public int? GetInt32(string name) => _properties.TryGetValue(name, out var v) && v is int i ? i : null;

    /// <summary>An Int64 property, or an Int32 one widened.</summary>
    public long? GetInt64(string name) =>
        _properties.TryGetValue(name, out var v) ? v switch { long l => l, int i => i, _ => null } : null;

    public bool? GetBoolean(string name) => _properties.TryGetValue(name, out var v) && v is bool b ? b : null;

    public double? GetDouble(string name) => _properties.TryGetValue(name, out var v) && v is double d ? d : null;

    public DateTimeOffset? GetDateTimeOffset(string name) =>
        _properties.TryGetValue(name, out var v) && v is DateTimeOffset t ? t : null;

    public ReadOnlyMemory<byte>? GetBinary(string name) =>
        _properties.TryGetValue(name, out var v) && v is ReadOnlyMemory<byte> m ? m : null;

    public override string ToString() => $"{PartitionKey}/{RowKey} ({_properties.Count} properties, etag {ETag})";

    private T? Get<T>(string name)
        where T : class =>
        _properties.TryGetValue(name, out var v) ? v as T : null;
}
