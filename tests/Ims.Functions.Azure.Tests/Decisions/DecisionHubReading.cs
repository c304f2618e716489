using Ims.Bus.EventHubs;
using Ims.EventLog;
using Ims.Events;
using Ims.Functions.Azure.Tests.Fakes;
using Ims.Replay.EventHubs;
using Ims.Replay.Recorded;

namespace Ims.Functions.Azure.Tests.Decisions;

/// <summary>
/// The flow read back as `ims replay --eventhubs` reads it: the events hub, the commands hub, then the
/// decisions hub, each through <see cref="EventHubsLogReader"/> over a scripted consumer client.
/// </summary>
internal static class DecisionHubReading
{
    public static async Task<RecordedLog> ReadBackAsync(CloudFlow flow)
    {
        var hubs = new (string Name, List<byte[]> Bodies)[]
        {
            ("ims-events", [.. flow.Events.Select(e => EventHubsEnvelope.ToEventData(e).EventBody.ToArray())]),
            ("ims-commands", [.. flow.Commands.Published.Select(c => EventHubsEnvelope.ToEventData(c).EventBody.ToArray())]),
            ("ims-decisions", [.. flow.Producer.Sent.Select(s => s.Body)]),
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var items = new List<EventLogReadItem>();
        foreach (var (name, bodies) in hubs)
        {
            var reader = new EventHubsLogReader(new ScriptedHub(name, bodies, CloudFlow.At), TimeSpan.FromSeconds(5), new KeepEverything(), name);
            await foreach (var item in reader.ReadAsync(null, null, null, timeout.Token))
            {
                items.Add(item);
            }
        }

        return RecordedLog.From(items);
    }

    /// <summary>
    /// The Cx requests and answers of these flows carry no SIP or Cx secret in their messages (UAR, SAR),
    /// and the edge's SIP/Diameter redactor lives in the ims executable, so these tests redact nothing.
    /// </summary>
    internal sealed class KeepEverything : IEventRedactor
    {
        public BusEnvelope Redact(BusEnvelope envelope) => envelope;
    }
}
