namespace Ims.Storage;

/// <summary>
/// Opaque version of an entity, used for optimistic concurrency (RFC 9110 8.8.3 entity tags, as Azure
/// Tables uses them). <see cref="Any"/> matches every version; the default value means "none".
/// </summary>
public readonly record struct ETag(string? Value)
{
    /// <summary>Matches any existing version (If-Match: *).</summary>
    public static ETag Any { get; } = new("*");

    public bool IsEmpty => string.IsNullOrEmpty(Value);

    public bool IsAny => Value == "*";

    public override string ToString() => Value ?? string.Empty;
}
