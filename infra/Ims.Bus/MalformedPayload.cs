namespace Ims.Bus;

/// <summary>
/// Told about bytes that arrived on a bus but are not an envelope (bad JSON, unknown message type).
/// They are reported and skipped, never thrown: one poisoned message must not stop a partition.
/// </summary>
/// <param name="source">Where the bytes came from, e.g. "eventhubs ims-events/3 #17" or "dapr ims-events".</param>
/// <param name="payload">The bytes as received, for a dead-letter record.</param>
/// <param name="reason">Why they could not be read.</param>
public delegate void MalformedPayload(string source, ReadOnlyMemory<byte> payload, string reason);
