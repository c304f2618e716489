using System.Text;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.EventLog;
using Ims.EventLog.Store;
using Ims.Events;
using Ims.Functions.Azure.Decisions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ims.Functions.Azure.Tests.Decisions;

/// <summary>
/// Publishing decision records, at the producer client's SDK boundary: a record never fails or holds
/// up the event it describes, and it holds no secret.
/// </summary>
[TestClass]
public sealed class DecisionRecorderTests
{
    [TestMethod]
    public async Task AFailingDecisionsHubNeitherFailsTheEventNorHidesTheFailure()
    {
        await using var flow = await CloudFlow.StartAsync();
        flow.Producer.Failure = new IOException("decisions hub unreachable");

        var result = await flow.Handler.HandleAsync(Event("uar-1", CloudFlow.Uar()), CancellationToken.None);
        await flow.StopAsync();

        // The event was answered (its command published), so the processor checkpoints it: no redelivery.
        Assert.AreEqual("hss.cx", result.Function);
        Assert.HasCount(1, flow.Commands.Published);
        var recorder = (EventHubsDecisionRecorder)flow.Recorder;
        Assert.AreEqual(2, recorder.Failed, "the host start and the decision are counted as failed");
        Assert.AreEqual(0, recorder.Published);
        Assert.IsEmpty(flow.Producer.Sent);
    }

    [TestMethod]
    public async Task AHubThatDoesNotAnswerDoesNotHoldUpTheEvent()
    {
        await using var flow = await CloudFlow.StartAsync();
        flow.Producer.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var handled = flow.Handler.HandleAsync(Event("uar-1", CloudFlow.Uar()), CancellationToken.None).AsTask();
        var first = await Task.WhenAny(handled, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.AreSame(handled, first, "the event waited for its decision record");
        Assert.HasCount(1, flow.Commands.Published);
        flow.Producer.Gate.SetResult();
        await flow.StopAsync();
        Assert.AreEqual(2, ((EventHubsDecisionRecorder)flow.Recorder).Published);
    }

    [TestMethod]
    public async Task AHubThatDoesNotAnswerDoesNotHoldTheWorkerAtStop()
    {
        await using var flow = await CloudFlow.StartAsync();
        flow.Producer.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await flow.Handler.HandleAsync(Event("uar-1", CloudFlow.Uar()), CancellationToken.None);
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var stopping = flow.Start.StopAsync(shutdown.Token);
        var first = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.AreSame(stopping, first, "the stop waited past the host's shutdown time");
        await stopping;
        Assert.AreEqual(0, ((EventHubsDecisionRecorder)flow.Recorder).Published);
        flow.Producer.Gate.SetResult();
    }

    [TestMethod]
    public async Task ADecisionBodyHoldsNoKeyAndNoAuthenticationVectorSecret()
    {
        await using var flow = await CloudFlow.StartAsync();
        await flow.HandleAsync("mar-1", CloudFlow.Mar(), 0);
        await flow.StopAsync();

        var answer = DiameterDecoder.Decode(((SendDiameterAnswer)flow.Commands.Published.Single().Message).Message);
        Assert.IsTrue(answer.IsSuccess);
        var item = answer.Message.Find(Avps.SipAuthDataItem);
        Assert.IsNotNull(item, "the MAA carries no authentication vector");
        var secrets = new Dictionary<string, byte[]>
        {
            ["XRES"] = Child(item, Avps.SipAuthorization),
            ["CK"] = Child(item, Avps.ConfidentialityKey),
            ["IK"] = Child(item, Avps.IntegrityKey),
            ["K"] = Convert.FromHexString(CloudFlow.K),
        };
        var bodies = flow.Producer.Sent.Select(s => Encoding.UTF8.GetString(s.Body)).ToList();
        Assert.HasCount(2, bodies);
        foreach (var (name, value) in secrets)
        {
            foreach (var body in bodies)
            {
                Assert.DoesNotContain(Convert.ToBase64String(value), body, $"{name} in base64");
                Assert.DoesNotContain(Convert.ToHexString(value), body, StringComparison.OrdinalIgnoreCase, $"{name} in hex");
            }
        }

        // The HSS read alice's row with K and OPc: the record keeps the row and names what it withheld.
        var decision = EventLogLine.Decode(flow.Producer.Sent[1].Body.AsSpan().TrimEnd((byte)'\n'), out var error)?.Decision;
        Assert.IsNotNull(decision, error);
        var redacted = decision.Store!.Select(c => c.Row).OfType<StoredRow>().SelectMany(r => r.Redacted ?? []).ToList();
        CollectionAssert.IsSubsetOf(new[] { "K", "Opc" }, redacted, string.Join(", ", redacted));
    }

    [TestMethod]
    public async Task ADecisionIsPublishedAsTheFileLogWritesIt()
    {
        // Store rows with every kind of secret column the log withholds (challenge, Digest, AKA).
        var row = new StoredRow("alice@ims.example", "challenge", "W/\"1\"", new Dictionary<string, StoredValue>
        {
            ["Ck"] = new("x", Convert.ToBase64String(Enumerable.Repeat((byte)0xC1, 16).ToArray())),
            ["Ik"] = new("x", Convert.ToBase64String(Enumerable.Repeat((byte)0x11, 16).ToArray())),
            ["Xres"] = new("x", Convert.ToBase64String(Enumerable.Repeat((byte)0x5E, 8).ToArray())),
            ["Res"] = new("s", "res-value-secret"),
            ["DigestHa1"] = new("s", "ha1-value-secret"),
            ["Nonce"] = new("s", "nonce-kept"),
        });
        var decision = new FunctionDecision("evt-1", CloudFlow.At, "scscf", "challenged", ["cmd-1"], [new StoreCall("get", "Challenges", "Ok", Row: row)]);
        var producer = new Fakes.CapturingProducer();
        var recorder = new EventHubsDecisionRecorder(producer, "ims-decisions", NullLogger.Instance, ownsProducer: false);
        recorder.Record(EventLogRecord.Of(decision), "alice@ims.example");
        await recorder.DisposeAsync();

        var folder = Path.Combine(Path.GetTempPath(), "ims-decision-line-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var writer = new EventLogWriter(new EventLogOptions(folder)))
            {
                writer.Append(EventLogRecord.Of(decision));
            }

            var line = await File.ReadAllBytesAsync(EventLogFiles.InOrder(folder).Single());
            var published = producer.Sent.Single();

            CollectionAssert.AreEqual(line, published.Body);
            Assert.AreEqual("alice@ims.example", published.PartitionKey);
            var text = Encoding.UTF8.GetString(published.Body);
            Assert.DoesNotContain("res-value-secret", text);
            Assert.DoesNotContain("ha1-value-secret", text);
            Assert.DoesNotContain(Convert.ToBase64String(Enumerable.Repeat((byte)0xC1, 16).ToArray()), text);
            Assert.Contains("nonce-kept", text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static BusEnvelope Event(string id, byte[] cx) =>
        new(id, CloudFlow.At, "edge-1", CloudFlow.Impi, "icscf;" + id, new DiameterRequestReceived(ImsRole.Hss, "icscf.ims.example", cx));

    private static byte[] Child(Ims.Diameter.Messages.DiameterAvp group, AvpDefinition definition) =>
        group.Find(definition.Code, definition.VendorId)?.Data.ToArray() ?? throw new AssertFailedException($"no {definition.Name} in the vector");
}
