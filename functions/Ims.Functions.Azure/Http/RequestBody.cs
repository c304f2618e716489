using System.Text;
using Microsoft.Azure.Functions.Worker.Http;

namespace Ims.Functions.Azure.Http;

/// <summary>Reads a request body with a size limit, so one oversized request cannot exhaust the worker's memory.</summary>
public static class RequestBody
{
    /// <summary>Bodies above this are refused: a subscriber with its iFC XML is a few KiB, a bus envelope a few tens.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The body's bytes, or null when it is longer than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequestData request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The body as UTF-8 text, or null when too long or not UTF-8.</summary>
    public static async Task<string?> ReadTextAsync(HttpRequestData request, CancellationToken cancellationToken)
    {
        var bytes = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
