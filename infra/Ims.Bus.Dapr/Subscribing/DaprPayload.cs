using System.Text;
using System.Text.Json;

namespace Ims.Bus.Dapr;

/// <summary>
/// Finds the envelope's JSON in what a Dapr subscription delivers: a CloudEvent (structured JSON with
/// "specversion", the envelope in "data" as an object, or as a string, or base64 in "data_base64"), or,
/// for a subscription with rawPayload, the envelope bytes themselves.
/// </summary>
public static class DaprPayload
{
    /// <summary>The envelope bytes, or empty with an error when the body cannot hold one.</summary>
    public static ReadOnlyMemory<byte> Unwrap(ReadOnlyMemory<byte> body, out string? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return ReadOnlyMemory<byte>.Empty;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("specversion", out _))
            {
                // Raw payload: the body is the envelope (or not, which the envelope reader reports).
                error = null;
                return body;
            }

            error = null;
            if (root.TryGetProperty("data_base64", out var base64) && base64.ValueKind == JsonValueKind.String)
            {
                if (base64.TryGetBytesFromBase64(out var bytes))
                {
                    return bytes;
                }

                error = "cloud event data_base64 is not base64";
                return ReadOnlyMemory<byte>.Empty;
            }

            if (root.TryGetProperty("data", out var data))
            {
                switch (data.ValueKind)
                {
                    case JsonValueKind.Object:
                        return Encoding.UTF8.GetBytes(data.GetRawText());
                    case JsonValueKind.String:
                        return Encoding.UTF8.GetBytes(data.GetString()!);
                }
            }

            error = "cloud event carries no envelope in data or data_base64";
            return ReadOnlyMemory<byte>.Empty;
        }
    }
}
