namespace Ims.EventLog;

/// <summary>A record read back, or the place and reason a line could not be read.</summary>
public sealed record EventLogReadItem(string File, long Offset, EventLogRecord? Record, string? Error)
{
    public override string ToString() =>
        Error is null ? $"{File}@{Offset}" : $"{File}: byte offset {Offset}: {Error}";
}
