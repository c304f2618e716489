using System.Globalization;
using System.Text;

namespace Ims.Storage;

/// <summary>
/// Rules for PartitionKey and RowKey values (those of Azure Table storage, enforced by every store so
/// the embedded store never accepts a key the cloud would refuse), and a reversible encoding for
/// values such as SIP URIs that may contain forbidden characters.
/// </summary>
public static class TableKey
{
    /// <summary>Azure allows 1 KiB per key, counted in UTF-16: 512 characters.</summary>
    public const int MaxLength = 512;

    /// <summary>Null when <paramref name="key"/> is a valid key, else why not.</summary>
    public static string? Problem(string? key)
    {
        if (key is null)
        {
            return "key is null";
        }

        if (key.Length > MaxLength)
        {
            return $"key is longer than {MaxLength} characters";
        }

        foreach (var c in key)
        {
            if (IsForbidden(c))
            {
                return $"key contains forbidden character U+{(int)c:X4}; use TableKey.Encode";
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> for an invalid key (a programmer error).</summary>
    public static void Validate(string? key, string parameterName)
    {
        var problem = Problem(key);
        if (problem is not null)
        {
            throw new ArgumentException(problem, parameterName);
        }
    }

    /// <summary>Replaces '%' and every forbidden character by %XX so any text becomes a valid key.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Any(c => c == '%' || IsForbidden(c)))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c == '%' || IsForbidden(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Reverses <see cref="Encode"/>.</summary>
    public static string Decode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains('%', StringComparison.Ordinal))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length
                && int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else
            {
                builder.Append(key[i]);
            }
        }

        return builder.ToString();
    }

    // Azure Tables: no '/', '\', '#', '?' and no control characters U+0000-U+001F, U+007F-U+009F.
    private static bool IsForbidden(char c) =>
        c is '/' or '\\' or '#' or '?' || c <= '\u001F' || (c >= '\u007F' && c <= '\u009F');
}
