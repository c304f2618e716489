namespace Ims.Storage.Embedded;

/// <summary>
/// Another store (in this or another process) holds the data folder. Only one may: two writers
/// appending to the same logs would interleave records.
/// </summary>
public sealed class DataFolderInUseException : IOException
{
    public DataFolderInUseException()
    {
    }

    public DataFolderInUseException(string message)
        : base(message)
    {
    }

    public DataFolderInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DataFolderInUseException(string dataFolder, int? ownerProcessId, Exception innerException)
        : base(ownerProcessId is { } pid
            ? $"data folder {dataFolder} in use by pid {pid}"
            : $"data folder {dataFolder} in use by another process", innerException)
    {
        DataFolder = dataFolder;
        OwnerProcessId = ownerProcessId;
    }

    public string? DataFolder { get; }

    /// <summary>The pid recorded by the holder, when it could be read.</summary>
    public int? OwnerProcessId { get; }
}
