namespace Ims.Storage;

/// <summary>
/// Property rules shared by every store, taken from Azure Table storage's limits so an entity the
/// embedded store accepts is one Azure accepts too.
/// </summary>
public static class TableProperty
{
    /// <summary>252 custom properties (Azure's 255 less PartitionKey, RowKey and Timestamp).</summary>
    public const int MaxCount = 252;

    /// <summary>Binary values are limited to 64 KiB.</summary>
    public const int MaxBinaryLength = 64 * 1024;

    /// <summary>String values are limited to 64 KiB of UTF-16.</summary>
    public const int MaxStringLength = 32 * 1024;

    private static readonly string[] ReservedNames = ["PartitionKey", "RowKey", "Timestamp", "ETag"];

    /// <summary>
    /// Checks the name and converts the value to its stored form: DateTimeOffset in UTC, binary as an
    /// owned copy. Throws <see cref="ArgumentException"/> for an unsupported name or type.
    /// </summary>
    public static object Normalize(string name, object value)
    {
        ValidateName(name);
        return value switch
        {
            null => throw new ArgumentException($"property {name} is null; remove it instead", nameof(value)),
            string s when s.Length > MaxStringLength => throw new ArgumentException($"property {name} is longer than {MaxStringLength} characters", nameof(value)),
            string or int or long or bool or double => value,
            DateTimeOffset t => t.ToUniversalTime(),
            DateTime { Kind: DateTimeKind.Utc } d => new DateTimeOffset(d),
            DateTime => throw new ArgumentException($"property {name} is a DateTime that is not UTC; use DateTimeOffset", nameof(value)),
            byte[] bytes => CopyBinary(name, bytes),
            ReadOnlyMemory<byte> memory => CopyBinary(name, memory.Span),
            _ => throw new ArgumentException($"property {name} has unsupported type {value.GetType().Name}", nameof(value)),
        };
    }

    /// <summary>A name Azure accepts: a C# identifier of at most 255 characters, not a system property.</summary>
    public static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var valid = name.Length is > 0 and <= 255
            && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            && !ReservedNames.Contains(name, StringComparer.OrdinalIgnoreCase);
        if (!valid)
        {
            throw new ArgumentException($"invalid property name '{name}'", nameof(name));
        }
    }

    private static ReadOnlyMemory<byte> CopyBinary(string name, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBinaryLength)
        {
            throw new ArgumentException($"property {name} is longer than {MaxBinaryLength} bytes", nameof(bytes));
        }

        return bytes.ToArray();
    }
}
