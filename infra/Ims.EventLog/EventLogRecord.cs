using Ims.Events;

namespace Ims.EventLog;

/// <summary>
/// One line of the event log: an envelope that crossed the bus, or what a function decided about
/// an event (so that replay can show the recorded decision beside today's).
/// </summary>
public sealed record EventLogRecord(BusEnvelope? Envelope, FunctionDecision? Decision)
{
    public static EventLogRecord Of(BusEnvelope envelope) => new(envelope, null);

    public static EventLogRecord Of(FunctionDecision decision) => new(null, decision);

    /// <summary>The time the record belongs to; it chooses the day file.</summary>
    public DateTimeOffset Time => Envelope?.Time ?? Decision?.Time ?? DateTimeOffset.MinValue;
}

/// <summary>The decision a function took on one event, and the ids of the commands it produced.</summary>
public sealed record FunctionDecision(string EventId, DateTimeOffset Time, string Function, string Decision, IReadOnlyList<string> CommandIds);
