using Ims.EventLog;
using Ims.Events;
using Ims.Functions.Catalog;
using Ims.Replay.Recorded;
using Ims.Replay.Replaying;

namespace Ims.Functions.Azure.Tests.Decisions;

/// <summary>
/// The worker's decision records, replayed: real HSS functions over a real embedded store, the
/// decisions hub's producer and the hubs' consumer clients at the SDK boundary (no Event Hubs broker
/// runs here), the bodies read back by the same reader `ims replay --eventhubs` uses.
/// </summary>
[TestClass]
public sealed class DecisionRecordsReplayTests
{
    [TestMethod]
    public async Task TheHubsReadBackGiveEachStepItsDecisionStoreCallsAndCommandsAndReplayFindsThemEqual()
    {
        await using var flow = await CloudFlow.StartAsync();
        await flow.HandleAsync("uar-1", CloudFlow.Uar(), 0);
        await flow.HandleAsync("sar-1", CloudFlow.Sar(), 1);
        await flow.StopAsync();

        var recorded = await DecisionHubReading.ReadBackAsync(flow);

        Assert.IsEmpty(recorded.Damaged, string.Join("; ", recorded.Damaged));
        Assert.HasCount(2, recorded.Steps);
        var published = flow.Commands.Published.ToList();
        for (var i = 0; i < 2; i++)
        {
            var step = recorded.Steps[i];
            Assert.AreEqual(flow.Events[i].Id, step.Event.Id);
            Assert.IsNotNull(step.Decision, $"step {i + 1} has no decision");
            Assert.AreEqual("hss.cx", step.Decision.Function);
            Assert.IsNotEmpty(step.Decision.Store!, $"step {i + 1} recorded no store calls");
            Assert.IsEmpty(step.MissingCommands);
            CollectionAssert.AreEqual(BusEnvelopeJson.Serialize(published[i]), BusEnvelopeJson.Serialize(step.Commands.Single()));
        }

        // The UAR read alice's rows; the host start carried the worker's function settings.
        Assert.IsTrue(recorded.Steps[0].Decision!.Store!.Any(c => c.Op == "get" && c.Status == "Ok"), string.Join(", ", recorded.Steps[0].Decision!.Store!.Select(c => $"{c.Op} {c.Table} {c.Status}")));
        var settings = ImsFunctionSettingsJson.Deserialize(recorded.Settings!, out var error);
        Assert.IsNotNull(settings, error);
        CollectionAssert.AreEqual(new[] { "sip:scscf.ims.example:6060" }, settings.ScscfNames.ToArray());

        var outcomes = await new FlowReplayer(settings, new DecisionHubReading.KeepEverything()).ReplayAsync(recorded.Steps, CancellationToken.None);

        Assert.IsTrue(outcomes.All(o => o.Verdict == StepVerdict.Same), Describe(outcomes));
    }

    [TestMethod]
    public async Task AChangedHandlerSettingIsReportedAsADifferenceFromTheRecordedCommands()
    {
        await using var flow = await CloudFlow.StartAsync();
        await flow.HandleAsync("uar-1", CloudFlow.Uar(), 0);
        await flow.StopAsync();
        var recorded = await DecisionHubReading.ReadBackAsync(flow);
        var settings = ImsFunctionSettingsJson.Deserialize(recorded.Settings!, out _)!;

        // Today's HSS answers under another Diameter identity than the recorded one did.
        var outcomes = await new FlowReplayer(settings with { HssOriginHost = "hss2.ims.example" }, new DecisionHubReading.KeepEverything())
            .ReplayAsync(recorded.Steps, CancellationToken.None);

        var step = outcomes.Single();
        Assert.AreEqual(StepVerdict.Differs, step.Verdict, Describe(outcomes));
        Assert.IsTrue(step.Differences.Any(d => d.Contains("hss2.ims.example", StringComparison.Ordinal)), Describe(outcomes));
    }

    [TestMethod]
    public async Task TheCloudRecordsMakeTheSameStepsAsTheFileLogOfTheSameFlow()
    {
        await using var flow = await CloudFlow.StartAsync();
        await flow.HandleAsync("uar-1", CloudFlow.Uar(), 0);
        await flow.HandleAsync("sar-1", CloudFlow.Sar(), 1);
        await flow.StopAsync();
        var cloud = await DecisionHubReading.ReadBackAsync(flow);
        Assert.HasCount(2, cloud.Steps);

        // The same records in the order the embedded host appends them: the event, its decision, its commands.
        var folder = Path.Combine(Path.GetTempPath(), "ims-decisions-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var writer = new EventLogWriter(new EventLogOptions(folder)))
            {
                writer.Append(EventLogRecord.Of(new HostStart(CloudFlow.At, "embedded", cloud.Settings!)));
                foreach (var step in cloud.Steps)
                {
                    writer.Append(EventLogRecord.Of(step.Event));
                    writer.Append(EventLogRecord.Of(step.Decision!));
                    foreach (var command in step.Commands)
                    {
                        writer.Append(EventLogRecord.Of(command));
                    }
                }
            }

            var file = RecordedLog.Read(folder);

            Assert.AreEqual(file.Settings, cloud.Settings);
            Assert.HasCount(file.Steps.Count, cloud.Steps);
            for (var i = 0; i < file.Steps.Count; i++)
            {
                Assert.AreEqual(Text(file.Steps[i]), Text(cloud.Steps[i]));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // A step without its place in the log (a file offset or a partition offset): what replay runs on.
    private static string Text(RecordedStep step) =>
        System.Text.Encoding.UTF8.GetString(EventLogLine.Encode(EventLogRecord.Of(step.Event) with { Decision = step.Decision, Redacted = step.EventRedacted }))
        + string.Join('\n', step.Commands.Select(c => System.Text.Encoding.UTF8.GetString(BusEnvelopeJson.Serialize(c))));

    private static string Describe(IEnumerable<StepOutcome> outcomes) =>
        string.Join("; ", outcomes.Select(o => $"step {o.Step.Number} {o.Verdict}: {string.Join(", ", o.Differences)} [{string.Join(", ", o.Notes)}]"));
}
