using System.Globalization;
using Azure.Messaging.EventHubs;
using Ims.Events;

namespace Ims.Bus.EventHubs;

/// <summary>
/// How an envelope travels as an Event Hubs event: the body is the envelope's UTF-8 JSON (the one
/// format every bus shares, so a captured event replays anywhere); MessageId, CorrelationId,
/// ContentType and two application properties repeat what a router or a diagnostic tool needs
/// without parsing the body.
/// </summary>
public static class EventHubsEnvelope
{
    public const string ContentType = "application/json";

    /// <summary>Application property holding the message's stable type name ("sip.request.received").</summary>
    public const string TypeProperty = "type";

    /// <summary>Application property holding the edge that published the event or must carry out the command.</summary>
    public const string EdgeProperty = "edge";

    public static EventData ToEventData(BusEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var data = new EventData(BusEnvelopeJson.Serialize(envelope))
        {
            MessageId = envelope.Id,
            CorrelationId = envelope.Correlation,
            ContentType = ContentType,
        };
        data.Properties[TypeProperty] = envelope.Type;
        data.Properties[EdgeProperty] = envelope.EdgeId;
        return data;
    }

    /// <summary>The envelope in the event's body, or null with a reason (reported by the caller, never thrown).</summary>
    public static BusEnvelope? Read(EventData data, out string? error)
    {
        ArgumentNullException.ThrowIfNull(data);
        return BusEnvelopeJson.Deserialize(data.EventBody.ToMemory().Span, out error);
    }

    /// <summary>A short description of where an event sat, for reports: "ims-events/3 #17".</summary>
    public static string Describe(string eventHubName, string partitionId, EventData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return string.Create(CultureInfo.InvariantCulture, $"eventhubs {eventHubName}/{partitionId} #{data.SequenceNumber}");
    }
}
