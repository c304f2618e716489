namespace Ims.Storage;

/// <summary>
/// A comparison of one property with a constant, e.g. <c>Expires &lt;= now</c>. As in Azure Tables, an
/// entity without the property, or holding it with another type, does not match; strings compare
/// ordinally.
/// </summary>
public sealed record PropertyFilter
{
    public PropertyFilter(string name, FilterOperator @operator, object value)
    {
        Name = name;
        Operator = @operator;
        Value = TableProperty.Normalize(name, value);
        if (Value is ReadOnlyMemory<byte>)
        {
            throw new ArgumentException("binary properties cannot be filtered on", nameof(value));
        }
    }

    public string Name { get; }

    public FilterOperator Operator { get; }

    /// <summary>The constant, normalised like a property value (DateTimeOffset in UTC).</summary>
    public object Value { get; }

    public static PropertyFilter LessThanOrEqual(string name, object value) => new(name, FilterOperator.LessThanOrEqual, value);

    public static PropertyFilter Equal(string name, object value) => new(name, FilterOperator.Equal, value);

    /// <summary>Evaluates the filter in memory (the embedded store; client-side checks).</summary>
    public bool Matches(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!entity.Properties.TryGetValue(Name, out var actual) || actual.GetType() != Value.GetType())
        {
            return false;
        }

        var order = actual switch
        {
            string s => string.CompareOrdinal(s, (string)Value),
            int i => i.CompareTo((int)Value),
            long l => l.CompareTo((long)Value),
            double d => d.CompareTo((double)Value),
            bool b => b.CompareTo((bool)Value),
            DateTimeOffset t => t.UtcTicks.CompareTo(((DateTimeOffset)Value).UtcTicks),
            _ => throw new InvalidOperationException($"cannot compare {actual.GetType().Name}"),
        };
        return Operator switch
        {
            FilterOperator.Equal => order == 0,
            FilterOperator.NotEqual => order != 0,
            FilterOperator.LessThan => order < 0,
            FilterOperator.LessThanOrEqual => order <= 0,
            FilterOperator.GreaterThan => order > 0,
            FilterOperator.GreaterThanOrEqual => order >= 0,
            _ => throw new InvalidOperationException($"unknown operator {Operator}"),
        };
    }
}
