namespace Ims.Events;

/// <summary>
/// Everything that crosses the bus travels in an envelope. The partition key keeps order where it
/// matters (IMPI/IMPU for registration, Call-ID for dialogs); the edge id routes commands back to the
/// edge that owns the suspended transaction; the id makes redelivery idempotent.
/// </summary>
/// <remarks>Ids and times are given by the caller (from injected providers), never taken here.</remarks>
public sealed record BusEnvelope(
    string Id,
    DateTimeOffset Time,
    string EdgeId,
    string PartitionKey,
    string Correlation,
    BusMessage Message,
    Continuation? Continuation = null)
{
    /// <summary>The message's stable type name, as written on the wire (e.g. "diameter.request.received").</summary>
    public string Type => BusMessageTypes.NameOf(Message);
}
