using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace Ims.Storage.AzureTables;

/// <summary>
/// Turns a <see cref="TableQuery"/> into an OData filter. Constants go through the SDK's
/// <see cref="TableClient.CreateQueryFilter(FormattableString)"/>, which quotes and types them
/// (datetime'...', 42L); property names are safe because the port only admits identifiers.
/// </summary>
internal static class AzureQueryFilter
{
    public static string? Build(TableQuery query)
    {
        var clauses = new List<string>();
        if (query.PartitionKey is { } partitionKey)
        {
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"));
        }

        foreach (var filter in query.Filters)
        {
            var op = filter.Operator switch
            {
                FilterOperator.Equal => "eq",
                FilterOperator.NotEqual => "ne",
                FilterOperator.LessThan => "lt",
                FilterOperator.LessThanOrEqual => "le",
                FilterOperator.GreaterThan => "gt",
                FilterOperator.GreaterThanOrEqual => "ge",
                _ => throw new InvalidOperationException($"unknown operator {filter.Operator}"),
            };
            clauses.Add(TableClient.CreateQueryFilter(FormattableStringFactory.Create($"{filter.Name} {op} {{0}}", filter.Value)));
        }

        return clauses.Count == 0 ? null : string.Join(" and ", clauses.Select(c => "(" + c + ")"));
    }
}
