namespace Ims.Storage.Embedded;

/// <summary>One change in a log record. A record holds one or more, applied all or nothing.</summary>
internal abstract record LogEntry
{
    /// <summary>The entity now holds these properties, at this version.</summary>
    public sealed record Put(TableEntity Entity, long Version) : LogEntry;

    public sealed record Delete(string PartitionKey, string RowKey) : LogEntry;

    /// <summary>
    /// Versions below this were handed out already. Written first in a compacted log so a deleted
    /// entity's old version is never reused (an old ETag must never match a new entity).
    /// </summary>
    public sealed record VersionFloor(long Version) : LogEntry;
}
