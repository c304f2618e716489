namespace Ims.Storage;

/// <summary>Azure's rule for table names: a letter then 2 to 62 letters or digits, case-insensitive.</summary>
public static class TableName
{
    public static bool IsValid(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && char.IsAsciiLetter(name[0])
        && name.All(char.IsAsciiLetterOrDigit)
        && !name.Equals("tables", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws <see cref="ArgumentException"/> for an invalid name (a programmer error).</summary>
    public static void Validate(string? name, string parameterName = "table")
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"invalid table name '{name}': a letter then 2 to 62 letters or digits", parameterName);
        }
    }
}
