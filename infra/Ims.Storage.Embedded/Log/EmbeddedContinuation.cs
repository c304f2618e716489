using System.Text;

namespace Ims.Storage.Embedded;

/// <summary>
/// Continuation tokens of the embedded store: the keys of the last entity returned, joined by U+0000
/// (which a key may not contain) and base64-encoded so callers treat them as opaque.
/// </summary>
internal static class EmbeddedContinuation
{
    public static string Encode(string partitionKey, string rowKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(partitionKey + "\0" + rowKey));

    public static (string PartitionKey, string RowKey)? Decode(string? token)
    {
        if (token is null)
        {
            return null;
        }

        var buffer = new byte[token.Length];
        if (!Convert.TryFromBase64String(token, buffer, out var length))
        {
            throw new ArgumentException("not a continuation token of this store", nameof(token));
        }

        var text = Encoding.UTF8.GetString(buffer, 0, length);
        var separator = text.IndexOf('\0', StringComparison.Ordinal);
        return separator < 0
            ? throw new ArgumentException("not a continuation token of this store", nameof(token))
            : (text[..separator], text[(separator + 1)..]);
    }
}
