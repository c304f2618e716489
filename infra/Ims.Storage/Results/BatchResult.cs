namespace Ims.Storage;

/// <summary>
/// The outcome of a batch. On success <see cref="ETags"/> holds one ETag per operation (empty for a
/// delete); on failure nothing was written and <see cref="FailedIndex"/> names the operation that
/// failed (-1 when the batch as a whole was refused), with <see cref="Reason"/> saying why.
/// </summary>
public sealed record BatchResult(StoreStatus Status, int FailedIndex, IReadOnlyList<ETag> ETags, string? Reason)
{
    public bool IsOk => Status == StoreStatus.Ok;

    public static BatchResult Ok(IReadOnlyList<ETag> etags) => new(StoreStatus.Ok, -1, etags, null);

    public static BatchResult Failed(StoreStatus status, int failedIndex, string reason) => new(status, failedIndex, [], reason);
}
