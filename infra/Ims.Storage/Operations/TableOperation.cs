namespace Ims.Storage;

/// <summary>
/// One operation of a batch. Replace and Delete are conditional on <see cref="ETag"/> (<see cref="ETag.Any"/>
/// for unconditional); Insert and Upsert ignore it.
/// </summary>
public sealed record TableOperation
{
    private TableOperation(TableOperationKind kind, TableEntity entity, ETag etag)
    {
        Kind = kind;
        Entity = entity;
        ETag = etag;
    }

    public TableOperationKind Kind { get; }

    /// <summary>The entity to write; for a delete, only its keys matter.</summary>
    public TableEntity Entity { get; }

    public ETag ETag { get; }

    public string PartitionKey => Entity.PartitionKey;

    public string RowKey => Entity.RowKey;

    public static TableOperation Insert(TableEntity entity) => new(TableOperationKind.Insert, Checked(entity), default);

    /// <summary>Replace conditional on the entity's own ETag, as read.</summary>
    public static TableOperation Replace(TableEntity entity) =>
        new(TableOperationKind.Replace, Checked(entity), RequireETag(entity.ETag));

    public static TableOperation Upsert(TableEntity entity) => new(TableOperationKind.Upsert, Checked(entity), default);

    public static TableOperation Delete(string partitionKey, string rowKey, ETag ifMatch) =>
        new(TableOperationKind.Delete, new TableEntity(partitionKey, rowKey), RequireETag(ifMatch));

    /// <summary>An ETag is required for conditional writes; pass <see cref="ETag.Any"/> to mean unconditional.</summary>
    public static ETag RequireETag(ETag etag) =>
        etag.IsEmpty ? throw new ArgumentException("a conditional write needs an ETag (ETag.Any for unconditional)", nameof(etag)) : etag;

    private static TableEntity Checked(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity;
    }
}
