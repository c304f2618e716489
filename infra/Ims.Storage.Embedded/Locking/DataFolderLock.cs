using System.Globalization;

namespace Ims.Storage.Embedded;

/// <summary>
/// An exclusive lock on a data folder: store.lock is held open with FileShare.None, which .NET turns
/// into an flock(LOCK_EX) on Unix, released by the kernel when the process dies (so a crash never
/// leaves a stale lock). The holder's pid goes into a separate file, because the locked file itself
/// cannot be opened by anyone else to read it.
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    private const string LockFileName = "store.lock";
    private const string OwnerFileName = "store.lock.owner";

    private readonly FileStream _lockFile;
    private readonly string _ownerPath;

    private DataFolderLock(FileStream lockFile, string ownerPath)
    {
        _lockFile = lockFile;
        _ownerPath = ownerPath;
    }

    public static DataFolderLock Acquire(string dataFolder)
    {
        var lockPath = Path.Combine(dataFolder, LockFileName);
        var ownerPath = Path.Combine(dataFolder, OwnerFileName);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new DataFolderInUseException(dataFolder, ReadOwner(ownerPath), e);
        }

        File.WriteAllText(ownerPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new DataFolderLock(lockFile, ownerPath);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_ownerPath);
        }
        catch (IOException)
        {
            // The owner file only improves the message a second opener gets; the lock is what matters.
        }

        _lockFile.Dispose();
    }

    private static int? ReadOwner(string ownerPath)
    {
        try
        {
            return int.TryParse(File.ReadAllText(ownerPath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
