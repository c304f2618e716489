using BenchmarkDotNet.Attributes;
using Ims.Storage;
using Ims.Storage.AzureTables;
using Ims.Storage.Embedded;

namespace Ims.Benchmarks;

/// <summary>
/// Single-entity upsert and point read, the two operations registration and authentication make
/// most. "embedded" runs on a temp folder (every write fsynced); "azurite" runs when
/// IMS_BENCH_AZURITE holds a connection string to a running Azurite table service.
/// </summary>
[MemoryDiagnoser]
public class TableStoreBenchmarks
{
    private const string Table = "Bench";
    private ITableStore _store = null!;
    private string? _folder;
    private int _next;

    [Params("embedded", "azurite")]
    public string Store { get; set; } = "embedded";

    [GlobalSetup]
    public void Setup()
    {
        if (Store == "azurite")
        {
            var connection = Environment.GetEnvironmentVariable("IMS_BENCH_AZURITE")
                ?? throw new InvalidOperationException("set IMS_BENCH_AZURITE to an Azurite connection string to run the azurite case");
            _store = AzureTableStore.FromConnectionString(connection);
        }
        else
        {
            _folder = Path.Combine(Path.GetTempPath(), "ims-bench-" + Guid.NewGuid().ToString("N"));
            _store = EmbeddedTableStore.Open(_folder);
        }

        for (var i = 0; i < 1_000; i++)
        {
            _store.UpsertAsync(Table, Entity(i), CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_store as IDisposable)?.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Benchmark]
    public async Task<bool> Upsert() =>
        (await _store.UpsertAsync(Table, Entity(_next++ % 1_000), CancellationToken.None)).IsOk;

    [Benchmark]
    public async Task<bool> PointRead() =>
        (await _store.GetAsync(Table, $"impi{_next++ % 1_000}@ims.example", string.Empty, CancellationToken.None)).IsOk;

    private static TableEntity Entity(int i) =>
        new TableEntity($"impi{i}@ims.example", string.Empty)
            .With("Sqn", 32L * i)
            .With("Opc", new byte[16])
            .With("Schemes", "Digest-AKAv1-MD5,Digest-AKAv2-MD5");
}
