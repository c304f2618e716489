namespace Ims.Storage;

/// <summary>How a store call ended. Each failure maps to the HTTP status Azure Tables answers with.</summary>
public enum StoreStatus
{
    Ok = 0,

    /// <summary>The entity does not exist (404).</summary>
    NotFound,

    /// <summary>An insert found an entity with the same keys (409).</summary>
    Conflict,

    /// <summary>The entity's ETag is no longer the one given (412): re-read and retry.</summary>
    PreconditionFailed,

    /// <summary>A batch broke a rule checked before any I/O: empty, over 100 operations, several partitions, a row twice.</summary>
    InvalidBatch,
}
