using System.Text;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Consumer;
using Ims.Bus.EventHubs;
using Ims.Events;
using Ims.Storage.Embedded;

namespace Ims.Bus.Tests.EventHubs;

/// <summary>
/// The Event Hubs adapter at the SDK boundary: what the producer is asked to send, and what the
/// processor does with received events (made by EventHubsModelFactory) and where it checkpoints.
/// No broker runs here.
/// </summary>
[TestClass]
public sealed class EventHubsBusSdkBoundaryTests
{
    [TestMethod]
    public async Task AnEventIsSentToTheEventsHubKeyedByItsPartitionKeyWithTheEnvelopeAsBody()
    {
        var events = new SimulatedEventHub("ims-events");
        var commands = new SimulatedEventHub("ims-commands");
        var envelope = Vectors.MarEvent();
        await using (var bus = new EventHubsBus(new CapturingProducerClient(events), new CapturingProducerClient(commands)))
        {
            await bus.PublishAsync(envelope, CancellationToken.None);
        }

        Assert.IsEmpty(commands.Sends);
        var (options, sent) = events.Sends.Single();
        Assert.IsNotNull(options);
        Assert.AreEqual("alice@ims.example", options.PartitionKey);
        Assert.IsNull(options.PartitionId, "a key, not a fixed partition: the service spreads keys and keeps each in one partition");
        var data = sent.Single();
        CollectionAssert.AreEqual(BusEnvelopeJson.Serialize(envelope), data.EventBody.ToArray());
        Assert.AreEqual("evt-mar-1", data.MessageId);
        Assert.AreEqual("scscf;1;mar", data.CorrelationId);
        Assert.AreEqual("application/json", data.ContentType);
        Assert.AreEqual("diameter.request.received", data.Properties["type"]);
        Assert.AreEqual("edge-a", data.Properties["edge"]);
        Assert.HasCount(2, data.Properties);
        var back = BusEnvelopeJson.Deserialize(data.EventBody.ToArray(), out _);
        CollectionAssert.AreEqual(Vectors.CxMar, ((DiameterRequestReceived)back!.Message).Message);
    }

    [TestMethod]
    public async Task ACommandIsSentToTheCommandsHubKeyedByItsTargetEdge()
    {
        var events = new SimulatedEventHub("ims-events");
        var commands = new SimulatedEventHub("ims-commands");
        var envelope = Vectors.ChallengeCommand();
        await using (var bus = new EventHubsBus(new CapturingProducerClient(events), new CapturingProducerClient(commands)))
        {
            await bus.PublishAsync(envelope, CancellationToken.None);
        }

        Assert.IsEmpty(events.Sends);
        var (options, sent) = commands.Sends.Single();
        Assert.AreEqual("edge-b", options!.PartitionKey);
        Assert.AreEqual("edge-b", EventHubsBus.PartitionKeyOf(envelope));
        var data = sent.Single();
        Assert.AreEqual("cmd-401-1", data.MessageId);
        Assert.AreEqual("sip.response.send", data.Properties["type"]);
        Assert.AreEqual("edge-b", data.Properties["edge"]);
        CollectionAssert.AreEqual(BusEnvelopeJson.Serialize(envelope), data.EventBody.ToArray());
    }

    [TestMethod]
    public async Task AfterABatchTheProcessorCheckpointsItsLastEventInTheTableStore()
    {
        using var fixture = new ProcessorFixture();
        var consumed = new List<string>();
        var processor = fixture.Processor(EventHubsConsumerOptions.ForEvents(new EventHubsBusOptions()), (e, _) => { consumed.Add(e.Id); return ValueTask.CompletedTask; });

        await processor.HandleBatchAsync([Received(Vectors.MarEvent("e1"), 10), Received(Vectors.MarEvent("e2"), 11)], "3", CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "e1", "e2" }, consumed);
        var checkpoint = await fixture.Checkpoints.GetCheckpointAsync(TestProcessors.Namespace, "ims-events", "$Default", "3", default);
        Assert.AreEqual(EventPosition.FromOffset("1100", isInclusive: false), checkpoint.StartingPosition);
        Assert.AreEqual(processor.Identifier, checkpoint.ClientIdentifier);
    }

    [TestMethod]
    public async Task AProcessorStoppedMidBatchCheckpointsWhatItConsumedAndLeavesTheRest()
    {
        using var fixture = new ProcessorFixture();
        using var stopping = new CancellationTokenSource();
        var consumed = new List<string>();
        var processor = fixture.Processor(EventHubsConsumerOptions.ForEvents(new EventHubsBusOptions()), (e, _) =>
        {
            consumed.Add(e.Id);
            if (e.Id == "e2")
            {
                // The partition is lost while e2 is handled: e3 must stay for the next owner.
                stopping.Cancel();
            }

            return ValueTask.CompletedTask;
        });

        await processor.HandleBatchAsync(
            [Received(Vectors.MarEvent("e1"), 0), Received(Vectors.MarEvent("e2"), 1), Received(Vectors.MarEvent("e3"), 2)], "0", stopping.Token);

        CollectionAssert.AreEqual(new[] { "e1", "e2" }, consumed);
        var checkpoint = await fixture.Checkpoints.GetCheckpointAsync(TestProcessors.Namespace, "ims-events", "$Default", "0", default);
        Assert.AreEqual(EventPosition.FromOffset("100", isInclusive: false), checkpoint.StartingPosition, "the next owner resumes at e3");
    }

    [TestMethod]
    public async Task AnEdgeCarriesOutOnlyItsOwnCommandsButCheckpointsPastTheOthers()
    {
        using var fixture = new ProcessorFixture();
        var consumed = new List<string>();
        var options = EventHubsConsumerOptions.ForCommands(new EventHubsBusOptions(), "edge-b");
        var processor = fixture.Processor(options, (e, _) => { consumed.Add(e.Id); return ValueTask.CompletedTask; });
        var forA = Vectors.ChallengeCommand("cmd-a") with { EdgeId = "edge-a" };

        await processor.HandleBatchAsync([Received(forA, 0), Received(Vectors.ChallengeCommand("cmd-b"), 1)], "1", CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "cmd-b" }, consumed);
        Assert.AreEqual("ims-commands", options.EventHubName);
        Assert.AreEqual("edge-b", options.ConsumerGroup, "each edge reads the commands hub in a consumer group of its own");
        var checkpoint = await fixture.Checkpoints.GetCheckpointAsync(TestProcessors.Namespace, "ims-commands", "edge-b", "1", default);
        Assert.AreEqual(EventPosition.FromOffset("100", isInclusive: false), checkpoint.StartingPosition);
    }

    [TestMethod]
    public async Task AMalformedEventIsReportedWithItsPositionAndSkipped()
    {
        using var fixture = new ProcessorFixture();
        var malformed = new List<(string Source, byte[] Payload, string Reason)>();
        var consumed = new List<string>();
        var options = EventHubsConsumerOptions.ForEvents(new EventHubsBusOptions()) with
        {
            Malformed = (source, payload, reason) => malformed.Add((source, payload.ToArray(), reason)),
        };
        var processor = fixture.Processor(options, (e, _) => { consumed.Add(e.Id); return ValueTask.CompletedTask; });
        var garbage = Encoding.UTF8.GetBytes("REGISTER sip:ims.example SIP/2.0\r\n");

        await processor.HandleBatchAsync([Received(garbage, 7), Received(Vectors.MarEvent("e8"), 8)], "2", CancellationToken.None);

        var report = malformed.Single();
        Assert.AreEqual("eventhubs ims-events/2 #7", report.Source);
        CollectionAssert.AreEqual(garbage, report.Payload);
        Assert.IsFalse(string.IsNullOrWhiteSpace(report.Reason));
        CollectionAssert.AreEqual(new[] { "e8" }, consumed);
    }

    [TestMethod]
    public async Task AConsumerThatKeepsFailingIsReportedAfterMaxAttemptsAndThePartitionMovesOn()
    {
        using var fixture = new ProcessorFixture();
        var attempts = new List<string>();
        var undeliverable = new List<(string Id, string Error)>();
        var options = EventHubsConsumerOptions.ForEvents(new EventHubsBusOptions()) with
        {
            MaxAttempts = 2,
            Undeliverable = (e, ex) => undeliverable.Add((e.Id, ex.Message)),
        };
        var processor = fixture.Processor(options, (e, _) =>
        {
            attempts.Add(e.Id);
            return e.Id == "poison" ? throw new InvalidOperationException("HSS handler failed") : ValueTask.CompletedTask;
        });

        await processor.HandleBatchAsync([Received(Vectors.MarEvent("poison"), 0), Received(Vectors.MarEvent("e1"), 1)], "0", CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "poison", "poison", "e1" }, attempts);
        Assert.AreEqual(("poison", "HSS handler failed"), undeliverable.Single());
    }

    [TestMethod]
    public void AReceivedEventReadsBackToTheEnvelopeThatWasSent()
    {
        var envelope = Vectors.MarEvent();
        var sent = EventHubsEnvelope.ToEventData(envelope);

        var read = EventHubsEnvelope.Read(Received(sent.EventBody.ToArray(), 5), out var error);

        Assert.IsNull(error);
        Assert.IsNotNull(read);
        CollectionAssert.AreEqual(BusEnvelopeJson.Serialize(envelope), BusEnvelopeJson.Serialize(read));
    }

    private static EventData Received(BusEnvelope envelope, long sequenceNumber) =>
        Received(BusEnvelopeJson.Serialize(envelope), sequenceNumber);

    private static EventData Received(byte[] body, long sequenceNumber) =>
        EventHubsModelFactory.EventData(
            new BinaryData(body),
            new Dictionary<string, object>(),
            new Dictionary<string, object>(),
            "key",
            sequenceNumber,
            (sequenceNumber * 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Vectors.At);

    private sealed class ProcessorFixture : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "ims-bus-ehp-" + Guid.NewGuid().ToString("N"));
        private readonly EmbeddedTableStore _tables;

        public ProcessorFixture()
        {
            _tables = EmbeddedTableStore.Open(_folder);
            Checkpoints = new TableCheckpointStore(_tables, TimeProvider.System);
        }

        public TableCheckpointStore Checkpoints { get; }

        public EventHubsEnvelopeProcessor Processor(EventHubsConsumerOptions options, BusConsumer consumer) =>
            new(Checkpoints, TestProcessors.ConnectionString, options, consumer);

        public void Dispose()
        {
            _tables.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
