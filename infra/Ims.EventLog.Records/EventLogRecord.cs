using Ims.EventLog.Store;
using Ims.Events;

namespace Ims.EventLog;

/// <summary>
/// One line of the event log: an envelope that crossed the bus, what a function decided about an
/// event (so that replay can show the recorded decision beside today's), or the settings a host
/// started its functions with (so that replay runs them with the same view of the network).
/// </summary>
/// <param name="Redacted">True when the writer withheld secrets from the envelope (a Digest response, CK, IK, XRES).</param>
public sealed record EventLogRecord(BusEnvelope? Envelope, FunctionDecision? Decision, HostStart? Start = null, bool? Redacted = null)
{
    public static EventLogRecord Of(BusEnvelope envelope) => new(envelope, null);

    public static EventLogRecord Of(FunctionDecision decision) => new(null, decision);

    public static EventLogRecord Of(HostStart start) => new(null, null, start);

    /// <summary>The time the record belongs to; it chooses the day file.</summary>
    public DateTimeOffset Time => Envelope?.Time ?? Decision?.Time ?? Start?.Time ?? DateTimeOffset.MinValue;
}

/// <summary>
/// The decision a function took on one event, the ids of the commands it produced, and the store
/// calls it made meanwhile (the state it read, redacted).
/// </summary>
public sealed record FunctionDecision(string EventId, DateTimeOffset Time, string Function, string Decision, IReadOnlyList<string> CommandIds, IReadOnlyList<StoreCall>? Store = null);

/// <summary>A host started its functions: when, and with which settings (JSON of the function settings).</summary>
public sealed record HostStart(DateTimeOffset Time, string Host, string Settings);
