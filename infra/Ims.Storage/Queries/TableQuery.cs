namespace Ims.Storage;

/// <summary>
/// What to read: one partition or the whole table, narrowed by property filters that must all match.
/// </summary>
public sealed record TableQuery
{
    /// <summary>Azure Tables answers at most 1,000 entities per page.</summary>
    public const int MaxPageSize = 1000;

    private readonly int _pageSize = MaxPageSize;

    /// <summary>The partition to read; null scans every partition.</summary>
    public string? PartitionKey { get; init; }

    /// <summary>Filters that must all match (AND).</summary>
    public IReadOnlyList<PropertyFilter> Filters { get; init; } = [];

    /// <summary>At most this many entities per page, 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize
    {
        get => _pageSize;
        init => _pageSize = value is >= 1 and <= MaxPageSize
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"page size must be 1 to {MaxPageSize}");
    }

    public static TableQuery All { get; } = new();

    public static TableQuery Partition(string partitionKey)
    {
        TableKey.Validate(partitionKey, nameof(partitionKey));
        return new TableQuery { PartitionKey = partitionKey };
    }

    /// <summary>True when the entity is in the query's partition and passes every filter.</summary>
    public bool Matches(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return (PartitionKey is null || string.Equals(PartitionKey, entity.PartitionKey, StringComparison.Ordinal))
            && Filters.All(f => f.Matches(entity));
    }
}
