using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Http;

namespace Ims.Functions.Azure.Http;

/// <summary>
/// JSON responses written with <see cref="Utf8JsonWriter"/>: no reflection serialiser, and no
/// dependency on the worker's configured serialiser (so function classes run the same under test).
/// </summary>
public static class JsonResponses
{
    public const string ContentType = "application/json; charset=utf-8";

    public static async Task<HttpResponseData> WriteAsync(HttpRequestData request, HttpStatusCode status, Action<Utf8JsonWriter> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        var response = request.CreateResponse();
        response.StatusCode = status;
        response.Headers.Add("Content-Type", ContentType);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }

        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>{"error":"...","errors":[{"kind":"...","message":"..."}]}: one summary line and every reason.</summary>
    public static Task<HttpResponseData> ErrorAsync(
        HttpRequestData request, HttpStatusCode status, string summary, IEnumerable<(string Kind, string Message)> errors, CancellationToken cancellationToken) =>
        WriteAsync(request, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", summary);
            w.WriteStartArray("errors");
            foreach (var (kind, message) in errors)
            {
                w.WriteStartObject();
                w.WriteString("kind", kind);
                w.WriteString("message", message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, cancellationToken);

    public static Task<HttpResponseData> ErrorAsync(HttpRequestData request, HttpStatusCode status, string kind, string message, CancellationToken cancellationToken) =>
        ErrorAsync(request, status, message, [(kind, message)], cancellationToken);
}
