using Ims.EventLog;
using Ims.Events;
using Ims.Replay.Recorded;
using Ims.Replay.Tests.Support;

namespace Ims.Replay.Tests.Recorded;

/// <summary>A log read back into steps: redelivery, damage and lost commands.</summary>
[TestClass]
public sealed class RecordedLogTests
{
    private static readonly BusEnvelope Timer = RecordedFlows.Envelope("e1", new TimerFired("pcscf|x", "{}"), "t1");
    private static readonly BusEnvelope Cancel = RecordedFlows.Envelope("c1", new CancelTimer("pcscf|y"), "t1");

    [TestMethod]
    public void ARedeliveredEventIsOneStepWithTheDecisionThatRanFirst()
    {
        var log = RecordedLog.From(
        [
            Item(0, EventLogRecord.Of(new HostStart(RecordedFlows.At, "edge-1", "{\"cscf\":null}"))),
            Item(1, EventLogRecord.Of(Timer)),
            Item(2, EventLogRecord.Of(Cancel)),
            Item(3, EventLogRecord.Of(new FunctionDecision("e1", RecordedFlows.At, "pcscf", "first", ["c1"]))),
            Item(4, EventLogRecord.Of(Timer)),
            Item(5, EventLogRecord.Of(new FunctionDecision("e1", RecordedFlows.At, "pcscf", "second", []))),
        ]);

        Assert.HasCount(1, log.Steps);
        Assert.AreEqual("first", log.Steps[0].Decision!.Decision);
        CollectionAssert.AreEqual(new[] { "c1" }, log.Steps[0].Commands.Select(c => c.Id).ToArray());
        Assert.AreEqual("{\"cscf\":null}", log.Settings);
        Assert.AreEqual("log@1", log.Steps[0].Location);
        Assert.IsEmpty(log.Damaged);
    }

    [TestMethod]
    public void ADamagedLineIsKeptWithItsPlaceAndTheCommandsItHeldAreNamedAsMissing()
    {
        var log = RecordedLog.From(
        [
            Item(10, EventLogRecord.Of(Timer)),
            new EventLogReadItem("log", 80, null, "checksum mismatch"),
            Item(120, EventLogRecord.Of(new FunctionDecision("e1", RecordedFlows.At, "pcscf", "cancelled", ["c1"]))),
        ]);

        Assert.HasCount(1, log.Steps);
        Assert.IsEmpty(log.Steps[0].Commands);
        CollectionAssert.AreEqual(new[] { "c1" }, log.Steps[0].MissingCommands.ToArray());
        Assert.HasCount(1, log.Damaged);
        Assert.AreEqual("log: byte offset 80: checksum mismatch", log.Damaged[0].ToString());
    }

    private static EventLogReadItem Item(long offset, EventLogRecord record) => new("log", offset, record, null);
}
