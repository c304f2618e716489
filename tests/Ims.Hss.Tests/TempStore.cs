using Ims.Hss.Subscribers;
using Ims.Storage;
using Ims.Storage.Embedded;

namespace Ims.Hss.Tests;

/// <summary>An embedded store in a fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempStore : IDisposable
{
    private TempStore(string folder)
    {
        Folder = folder;
        Store = EmbeddedTableStore.Open(folder);
    }

    public string Folder { get; }

    public EmbeddedTableStore Store { get; }

    public static TempStore Create() =>
        new(Path.Combine(Path.GetTempPath(), "ims-hss-tests", Guid.NewGuid().ToString("N")));

    /// <summary>Every row of both subscriber tables with its ETag: equal snapshots mean nothing was written.</summary>
    public async Task<IReadOnlyList<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        foreach (var table in new[] { SubscriberTables.ImpiTable, SubscriberTables.ImpuTable })
        {
            await foreach (var entity in Store.QueryAsync(table, TableQuery.All, CancellationToken.None))
            {
                rows.Add($"{table}/{entity.PartitionKey}/{entity.RowKey}/{entity.ETag}");
            }
        }

        return rows;
    }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
