namespace Ims.EndToEnd.Tests.Support;

/// <summary>The data folders a test gives `ims up`, fresh under the temp folder and removed after the test.</summary>
internal sealed class DataFolders
{
    private readonly List<string> _folders = [];

    public string New(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        _folders.Add(folder);
        return folder;
    }

    public void RemoveAll()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        _folders.Clear();
    }
}
