namespace Ims.Storage;

/// <summary>Comparison operators of the OData filters Azure Tables understands (eq, ne, lt, le, gt, ge).</summary>
public enum FilterOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}
