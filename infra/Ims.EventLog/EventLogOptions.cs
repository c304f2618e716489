namespace Ims.EventLog;

/// <summary>Where and how much the event log keeps.</summary>
public sealed record EventLogOptions(string Directory)
{
    /// <summary>A day file is rotated (events-DATE.1.log, .2.log ...) when it passes this size.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The oldest files are deleted when all files together pass this size.</summary>
    public long MaxTotalBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>Records waiting to be written; past this, records are counted as dropped rather than slowing the caller.</summary>
    public int QueueCapacity { get; init; } = 65_536;
}
