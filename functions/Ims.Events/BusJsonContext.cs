using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ims.Events;

/// <summary>Source-generated serialisation of the bus vocabulary: no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BusEnvelope))]
public sealed partial class BusJsonContext : JsonSerializerContext;

/// <summary>Writes and reads envelopes as UTF-8 JSON.</summary>
public static class BusEnvelopeJson
{
    public static byte[] Serialize(BusEnvelope envelope) =>
        JsonSerializer.SerializeToUtf8Bytes(envelope, BusJsonContext.Default.BusEnvelope);

    /// <summary>Null with a reason when the bytes are not an envelope: a bad message on the bus is reported, not thrown.</summary>
    public static BusEnvelope? Deserialize(ReadOnlySpan<byte> json, out string? error)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize(json, BusJsonContext.Default.BusEnvelope);
            // Missing members come back as nulls from the constructor, so any JSON object would pass for
            // an envelope: one without its id, routing or message is not one.
            error = envelope is null ? "empty envelope"
                : envelope.Message is null ? "envelope without a message (no known \"type\")"
                : string.IsNullOrEmpty(envelope.Id) || envelope.EdgeId is null || envelope.PartitionKey is null || envelope.Correlation is null
                    ? "envelope without its id, edge, partition key or correlation"
                    : null;
            return error is null ? envelope : null;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return null;
        }
        catch (NotSupportedException ex)
        {
            error = ex.Message;
            return null;
        }
    }
}
