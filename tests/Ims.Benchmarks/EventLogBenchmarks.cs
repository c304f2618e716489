using System.Text;
using BenchmarkDotNet.Attributes;
using Ims.EventLog;
using Ims.EventLog.Store;
using Ims.Events;
using Ims.Storage;

namespace Ims.Benchmarks;

/// <summary>
/// What recording costs the caller on the SIP path: Append only queues (the background loop writes),
/// so this is the bound the edge pays per event. Encode is the work the background loop does per record.
/// </summary>
[MemoryDiagnoser]
public class EventLogBenchmarks
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);
    private EventLogWriter _writer = null!;
    private string _folder = null!;
    private EventLogRecord _record = null!;
    private TableEntity _row = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "ims-bench-log-" + Guid.NewGuid().ToString("N"));
        _writer = new EventLogWriter(new EventLogOptions(_folder) { QueueCapacity = 1 << 20 });
        var register = Encoding.ASCII.GetBytes(new string('x', 900));
        _record = EventLogRecord.Of(new BusEnvelope("evt-1", At, "edge-1", "alice@ims.example", "Pcscf|z9hG4bK-1",
            new SipRequestReceived(ImsRole.Pcscf, "Pcscf|z9hG4bK-1", SipTransport.Udp, "127.0.0.1:5070", "127.0.0.1:5060", register)));
        // A registrar profile row with a 1.5 KB User-Data, as the S-CSCF reads per INVITE.
        _row = new TableEntity("sip%3Aalice%40ims.example", "profile", new Dictionary<string, object>
        {
            ["Impi"] = "alice@ims.example",
            ["UserData"] = new string('u', 1500),
            ["Associated"] = "sip:alice@ims.example",
            ["ExpiresAt"] = At,
        }, new ETag("W/\"1\""));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public bool AppendOnTheCallersPath() => _writer.Append(_record);

    /// <summary>What the recording store adds to one read on the handler's path: copy the row into the event's journal.</summary>
    [Benchmark]
    public int RecordOneStoreRead()
    {
        using var journal = StoreCallJournal.Begin();
        journal.Add(new StoreCall("get", "ScscfUser", "Ok", _row.PartitionKey, _row.RowKey, Row: StoredRows.From(_row)));
        return journal.Calls.Count;
    }

    [Benchmark]
    public int EncodeOneRecord() => EventLogLine.Encode(_record).Length;
}
