using System.Text;
using Ims.Events;

namespace Ims.EventLog.Tests;

[TestClass]
public sealed class EventLogTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 25, 23, 59, 0, TimeSpan.Zero);

    private readonly List<string> _folders = [];

    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void RemoveFolders()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ims-eventlog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return folder;
    }

    private static BusEnvelope Envelope(int n, DateTimeOffset time, string callId = "call-1") =>
        new($"evt-{n}", time, "edge-a", "alice@ims.example", callId,
            new SipRequestReceived(ImsRole.Pcscf, $"z9hG4bK{n}", SipTransport.Udp, "127.0.0.1:5070", "127.0.0.1:5060", Encoding.ASCII.GetBytes($"REGISTER {n}")));

    /// <summary>A log of one file holding evt-0, evt-1 and evt-2, and its bytes.</summary>
    private async Task<(string Folder, string File, byte[] Bytes)> ThreeRecordLog()
    {
        var folder = NewFolder();
        await using (var log = new EventLogWriter(new EventLogOptions(folder)))
        {
            for (var i = 0; i < 3; i++)
            {
                log.Append(EventLogRecord.Of(Envelope(i, Day1)));
            }
        }

        var file = EventLogFiles.InOrder(folder).Single();
        return (folder, file, await File.ReadAllBytesAsync(file, TestContext.CancellationToken));
    }

    private static List<EventLogReadItem> ReadAll(string folder) => EventLogReader.Read(folder).ToList();

    [TestMethod]
    public async Task EnvelopesAndDecisionsReadBackInOrder()
    {
        var folder = NewFolder();
        await using (var log = new EventLogWriter(new EventLogOptions(folder)))
        {
            for (var i = 0; i < 100; i++)
            {
                Assert.IsTrue(log.Append(EventLogRecord.Of(Envelope(i, Day1.AddMilliseconds(-1000 + i)))));
            }

            log.Append(EventLogRecord.Of(new FunctionDecision("evt-99", Day1.AddSeconds(-1), "pcscf.register", "forwarded to I-CSCF", ["cmd-1"])));
        }

        var items = ReadAll(folder);

        Assert.HasCount(101, items);
        Assert.IsTrue(items.All(i => i.Error is null));
        CollectionAssert.AreEqual(Enumerable.Range(0, 100).Select(i => $"evt-{i}").ToArray(), items.Take(100).Select(i => i.Record!.Envelope!.Id).ToArray());
        var request = (SipRequestReceived)items[42].Record!.Envelope!.Message;
        Assert.AreEqual("REGISTER 42", Encoding.ASCII.GetString(request.Message));
        Assert.AreEqual("z9hG4bK42", request.TransactionId);
        var decision = items[100].Record!.Decision!;
        Assert.AreEqual("forwarded to I-CSCF", decision.Decision);
        CollectionAssert.AreEqual(new[] { "cmd-1" }, decision.CommandIds.ToArray());
    }

    [TestMethod]
    public async Task EachDayGetsItsOwnFile()
    {
        var folder = NewFolder();
        await using (var log = new EventLogWriter(new EventLogOptions(folder)))
        {
            log.Append(EventLogRecord.Of(Envelope(1, Day1)));
            log.Append(EventLogRecord.Of(Envelope(2, Day1.AddMinutes(2))));
        }

        CollectionAssert.AreEqual(
            new[] { "events-2026-11-25.log", "events-2026-11-26.log" },
            EventLogFiles.InOrder(folder).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public async Task AFullFileRotatesAndReadingFollowsTheRotations()
    {
        var folder = NewFolder();
        await using (var log = new EventLogWriter(new EventLogOptions(folder) { MaxFileBytes = 2_000 }))
        {
            for (var i = 0; i < 30; i++)
            {
                log.Append(EventLogRecord.Of(Envelope(i, Day1)));
            }
        }

        var files = EventLogFiles.InOrder(folder);
        Assert.IsGreaterThan(2, files.Count);
        Assert.AreEqual("events-2026-11-25.log", Path.GetFileName(files[0]));
        Assert.AreEqual("events-2026-11-25.1.log", Path.GetFileName(files[1]));
        Assert.IsTrue(files.All(f => new FileInfo(f).Length <= 2_000));
        CollectionAssert.AreEqual(Enumerable.Range(0, 30).Select(i => $"evt-{i}").ToArray(), ReadAll(folder).Select(i => i.Record!.Envelope!.Id).ToArray());
    }

    [TestMethod]
    public async Task TheOldestFilesAreDeletedPastTheTotalCap()
    {
        var folder = NewFolder();
        await using (var log = new EventLogWriter(new EventLogOptions(folder) { MaxFileBytes = 1_000, MaxTotalBytes = 3_000 }))
        {
            for (var i = 0; i < 60; i++)
            {
                log.Append(EventLogRecord.Of(Envelope(i, Day1)));
            }
        }

        var items = ReadAll(folder);
        var total = EventLogFiles.InOrder(folder).Sum(f => new FileInfo(f).Length);

        Assert.IsLessThanOrEqualTo(3_000 + 1_000, total);
        Assert.AreEqual("evt-59", items[^1].Record!.Envelope!.Id);
        Assert.AreNotEqual("evt-0", items[0].Record!.Envelope!.Id);
    }

    [TestMethod]
    public async Task ATruncatedTailIsReportedWithItsOffsetAndTheIntactPartStillReads()
    {
        var (folder, file, bytes) = await ThreeRecordLog();
        var thirdStart = bytes.Length - Array.IndexOf(bytes.Reverse().Skip(1).ToArray(), (byte)'\n') - 1;
        await File.WriteAllBytesAsync(file, bytes[..(thirdStart + 20)], TestContext.CancellationToken);

        var items = ReadAll(folder);

        Assert.HasCount(3, items);
        Assert.AreEqual("evt-0", items[0].Record!.Envelope!.Id);
        Assert.AreEqual("evt-1", items[1].Record!.Envelope!.Id);
        Assert.IsNull(items[2].Record);
        Assert.AreEqual(thirdStart, items[2].Offset);
        StringAssert.StartsWith(items[2].Error, "truncated record (20 bytes");
        StringAssert.Contains(items[2].ToString(), $"byte offset {thirdStart}");
    }

    [TestMethod]
    public async Task ACorruptedLineFailsItsChecksumAndReadingGoesOn()
    {
        var (folder, file, bytes) = await ThreeRecordLog();
        var secondStart = Array.IndexOf(bytes, (byte)'\n') + 1;
        bytes[secondStart + 30] ^= 0x01;
        await File.WriteAllBytesAsync(file, bytes, TestContext.CancellationToken);

        var items = ReadAll(folder);

        Assert.HasCount(3, items);
        Assert.AreEqual(secondStart, items[1].Offset);
        Assert.AreEqual("checksum mismatch", items[1].Error);
        Assert.AreEqual("evt-2", items[2].Record!.Envelope!.Id);
    }

    private sealed class DropBodies : IEventRedactor
    {
        public BusEnvelope Redact(BusEnvelope envelope) => envelope.Message is SipRequestReceived r
            ? envelope with { Message = r with { Message = Encoding.ASCII.GetBytes("REDACTED") } }
            : envelope;
    }

    [TestMethod]
    public async Task TheRedactorRunsBeforeAnythingIsWritten()
    {
        var folder = NewFolder();
        await using (var log = new EventLogWriter(new EventLogOptions(folder), new DropBodies()))
        {
            log.Append(EventLogRecord.Of(Envelope(1, Day1)));
        }

        var text = await File.ReadAllTextAsync(EventLogFiles.InOrder(folder).Single(), TestContext.CancellationToken);

        Assert.DoesNotContain(Convert.ToBase64String(Encoding.ASCII.GetBytes("REGISTER 1")), text);
        Assert.Contains(Convert.ToBase64String(Encoding.ASCII.GetBytes("REDACTED")), text);
    }

    [TestMethod]
    public async Task AppendAfterCloseIsCountedAsDroppedNotThrown()
    {
        var log = new EventLogWriter(new EventLogOptions(NewFolder()));
        log.Append(EventLogRecord.Of(Envelope(1, Day1)));
        await log.DisposeAsync();

        Assert.IsFalse(log.Append(EventLogRecord.Of(Envelope(2, Day1))));
        Assert.AreEqual(1, log.DroppedRecords);
        Assert.AreEqual(1, log.WrittenRecords);
    }

    [TestMethod]
    public async Task ARestartAppendsToTheSameDayWithoutLosingEarlierRecords()
    {
        var folder = NewFolder();
        await using (var first = new EventLogWriter(new EventLogOptions(folder)))
        {
            first.Append(EventLogRecord.Of(Envelope(1, Day1)));
        }

        await using (var second = new EventLogWriter(new EventLogOptions(folder)))
        {
            second.Append(EventLogRecord.Of(Envelope(2, Day1)));
        }

        CollectionAssert.AreEqual(new[] { "evt-1", "evt-2" }, ReadAll(folder).Select(i => i.Record!.Envelope!.Id).ToArray());
    }

    [TestMethod]
    public void AMissingFolderReadsAsEmpty()
    {
        Assert.IsEmpty(ReadAll(Path.Combine(Path.GetTempPath(), "ims-no-such-" + Guid.NewGuid().ToString("N"))));
    }
}
