using System.Globalization;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Ims.Bus.EventHubs;
using Ims.EventLog;
using Ims.Events;
using Ims.Replay.EventHubs;
using Ims.Replay.Tests.Support;

namespace Ims.Replay.Tests.EventHubs;

/// <summary>
/// Reading the cloud's event log (Event Hubs retention) back for replay, tested at the consumer
/// client's SDK boundary: what the reader asks the client for, and what it makes of what it gets.
/// </summary>
[TestClass]
public sealed class EventHubsLogReaderTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    [TestMethod]
    public async Task LogLinesAndBareEnvelopesFromEveryPartitionComeBackAsRecords()
    {
        var invite = RecordedFlows.Envelope("e1", new SipRequestReceived(ImsRole.Pcscf, "tx1", SipTransport.Udp, "127.0.0.1:5070", "127.0.0.1:5060", RecordedFlows.Invite("call-1")), "tx1");
        var decision = new FunctionDecision("e1", RecordedFlows.At, "pcscf", "INVITE routed", ["c1"]);
        var command = RecordedFlows.Envelope("c1", new ForwardSipRequest("tx1", RecordedFlows.Invite("call-1"), "sip:orig@127.0.0.1:6060;lr"), "tx1");
        var consumer = new ScriptedPartitions(new Dictionary<string, IReadOnlyList<EventData>>
        {
            ["0"] = [Line(EventLogRecord.Of(invite), 0), Line(EventLogRecord.Of(decision), 1)],
            ["1"] = [Bare(command, 0)],
        });

        var items = await ReadAllAsync(new EventHubsLogReader(consumer, Idle), null, null, null);

        Assert.HasCount(3, items);
        Assert.IsTrue(items.All(i => i.Error is null), string.Join("; ", items));
        Assert.AreEqual("e1", items[0].Record!.Envelope!.Id);
        Assert.AreEqual("INVITE routed", items[1].Record!.Decision!.Decision);
        Assert.AreEqual("c1", items[2].Record!.Envelope!.Id);
        CollectionAssert.AreEqual(BusEnvelopeJson.Serialize(command), BusEnvelopeJson.Serialize(items[2].Record!.Envelope!));
        Assert.AreEqual("eventhubs partition 1 offset 0", items[2].File);
        // Each partition is read from the start, with the idle wait that marks its end.
        CollectionAssert.AreEqual(new[] { "0", "1" }, consumer.Reads.Select(r => r.Partition).ToArray());
        Assert.IsTrue(consumer.Reads.All(r => r.Position == EventPosition.Earliest && r.Wait == Idle));
    }

    [TestMethod]
    public async Task APartitionEndsAtItsFirstIdleWaitSoTheReadFinishes()
    {
        var envelope = RecordedFlows.Envelope("e1", new TimerFired("t1", "{}"), "t1");
        var consumer = new ScriptedPartitions(new Dictionary<string, IReadOnlyList<EventData>> { ["0"] = [Bare(envelope, 0)] });

        var items = await ReadAllAsync(new EventHubsLogReader(consumer, Idle), null, null, null);

        Assert.HasCount(1, items);
        Assert.AreEqual(1, consumer.EmptyReads);
    }

    [TestMethod]
    public async Task EventsEnqueuedAfterTheEndTimeAreNotRead()
    {
        var early = RecordedFlows.Envelope("e1", new TimerFired("t1", "{}"), "t1");
        var late = RecordedFlows.Envelope("e2", new TimerFired("t2", "{}"), "t2", second: 120);
        var consumer = new ScriptedPartitions(new Dictionary<string, IReadOnlyList<EventData>>
        {
            ["0"] = [Bare(early, 0, enqueuedAfter: 0), Bare(late, 1, enqueuedAfter: 120)],
        });

        var items = await ReadAllAsync(new EventHubsLogReader(consumer, Idle), RecordedFlows.At.AddSeconds(-10), RecordedFlows.At.AddSeconds(60), null);

        Assert.HasCount(1, items);
        Assert.AreEqual("e1", items[0].Record!.Envelope!.Id);
        Assert.AreEqual(EventPosition.FromEnqueuedTime(RecordedFlows.At.AddSeconds(-10)), consumer.Reads[0].Position);
    }

    [TestMethod]
    public async Task AnOffsetAskedForIsWhereEveryPartitionStarts()
    {
        var consumer = new ScriptedPartitions(new Dictionary<string, IReadOnlyList<EventData>> { ["0"] = [], ["1"] = [] });

        var items = await ReadAllAsync(new EventHubsLogReader(consumer, Idle), RecordedFlows.At, null, 4200);

        Assert.IsEmpty(items);
        Assert.IsTrue(consumer.Reads.All(r => r.Position == EventPosition.FromOffset("4200")), string.Join(", ", consumer.Reads));
    }

    [TestMethod]
    public async Task ABodyThatIsNeitherALogLineNorAnEnvelopeIsNamedByPartitionAndOffsetAndTheRestIsRead()
    {
        var good = RecordedFlows.Envelope("e2", new TimerFired("t1", "{}"), "t1");
        var consumer = new ScriptedPartitions(new Dictionary<string, IReadOnlyList<EventData>>
        {
            ["3"] = [Received("{\"not\":\"an envelope\"}"u8.ToArray(), 7), Bare(good, 8)],
        });

        var items = await ReadAllAsync(new EventHubsLogReader(consumer, Idle), null, null, null);

        Assert.HasCount(2, items);
        Assert.IsNull(items[0].Record);
        Assert.AreEqual("eventhubs partition 3 offset 700", items[0].File);
        StringAssert.Contains(items[0].Error, "neither a log line");
        StringAssert.Contains(items[0].ToString(), "eventhubs partition 3 offset 700");
        Assert.AreEqual("e2", items[1].Record!.Envelope!.Id);
    }

    [TestMethod]
    public async Task BareEnvelopesAreRedactedAndMarkedAsTheFileLogsWriterDoesAndLogLinesAreKept()
    {
        var secret = RecordedFlows.Envelope("e1", new TimerFired("t1", "{\"secret\":1}"), "t1");
        var plain = RecordedFlows.Envelope("e2", new TimerFired("t2", "{}"), "t2");
        var decision = new FunctionDecision("e1", RecordedFlows.At, "timers", "fired", []);
        var consumer = new ScriptedPartitions(new Dictionary<string, IReadOnlyList<EventData>>
        {
            ["0"] = [Bare(secret, 0), Bare(plain, 1), Line(EventLogRecord.Of(decision), 2)],
        });

        var items = await ReadAllAsync(new EventHubsLogReader(consumer, Idle, new TimerPayloadRedactor()), null, null, null);

        Assert.HasCount(3, items);
        Assert.AreEqual("{}", ((TimerFired)items[0].Record!.Envelope!.Message).Payload);
        Assert.IsTrue(items[0].Record!.Redacted);
        Assert.IsNull(items[1].Record!.Redacted, "an envelope that lost nothing is not marked");
        Assert.AreEqual("fired", items[2].Record!.Decision!.Decision);
    }

    [TestMethod]
    public async Task AHubNamedToTheReaderIsNamedInEveryPlace()
    {
        var consumer = new ScriptedPartitions(new Dictionary<string, IReadOnlyList<EventData>>
        {
            ["2"] = [Received("not a record"u8.ToArray(), 5)],
        });

        var items = await ReadAllAsync(new EventHubsLogReader(consumer, Idle, hub: "ims-decisions"), null, null, null);

        Assert.AreEqual("eventhubs ims-decisions partition 2 offset 500", items.Single().File);
        StringAssert.Contains(items.Single().ToString(), "ims-decisions partition 2");
    }

    /// <summary>Stands in for the edge's SIP/Diameter redactor: withholds a timer's payload when it holds "secret".</summary>
    private sealed class TimerPayloadRedactor : IEventRedactor
    {
        public BusEnvelope Redact(BusEnvelope envelope) =>
            envelope.Message is TimerFired { Payload: var payload } timer && payload.Contains("secret", StringComparison.Ordinal)
                ? envelope with { Message = timer with { Payload = "{}" } }
                : envelope;
    }

    private static async Task<List<EventLogReadItem>> ReadAllAsync(EventHubsLogReader reader, DateTimeOffset? from, DateTimeOffset? to, long? offset)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var items = new List<EventLogReadItem>();
        await foreach (var item in reader.ReadAsync(from, to, offset, timeout.Token))
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>A host's log line as the body (checksummed record, newline-terminated).</summary>
    private static EventData Line(EventLogRecord record, long sequenceNumber) => Received(EventLogLine.Encode(record), sequenceNumber);

    /// <summary>An envelope as the bus publishes it.</summary>
    private static EventData Bare(BusEnvelope envelope, long sequenceNumber, int enqueuedAfter = 0)
    {
        var published = EventHubsEnvelope.ToEventData(envelope);
        return EventHubsModelFactory.EventData(
            published.EventBody,
            published.Properties,
            new Dictionary<string, object>(),
            envelope.PartitionKey,
            sequenceNumber,
            (sequenceNumber * 100).ToString(CultureInfo.InvariantCulture),
            RecordedFlows.At.AddSeconds(enqueuedAfter));
    }

    private static EventData Received(byte[] body, long sequenceNumber) =>
        EventHubsModelFactory.EventData(
            new BinaryData(body),
            new Dictionary<string, object>(),
            new Dictionary<string, object>(),
            "key",
            sequenceNumber,
            (sequenceNumber * 100).ToString(CultureInfo.InvariantCulture),
            RecordedFlows.At);
}
