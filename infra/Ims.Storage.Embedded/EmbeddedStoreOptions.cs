namespace Ims.Storage.Embedded;

/// <summary>Tuning of the embedded store.</summary>
public sealed record EmbeddedStoreOptions
{
    /// <summary>
    /// A table's log is rewritten as a snapshot of its live entities once it holds more than this many
    /// operations AND more than twice as many operations as live entities.
    /// </summary>
    public int CompactionThreshold { get; init; } = 10_000;
}
