using System.Globalization;
using System.Text.Json.Serialization;

namespace Ims.Storage.Http;

// The JSON shapes of the store protocol. Property values carry a type letter so that a round trip
// keeps Azure's types exactly: s string, i int, l long, b bool, d double, t DateTimeOffset, x binary.

internal sealed record EntityWire(string Pk, string Rk, string? ETag, Dictionary<string, PropertyWire> P);

internal sealed record PropertyWire(string T, string V);

internal sealed record OperationWire(TableOperationKind Kind, EntityWire Entity, string? ETag);

internal sealed record FilterWire(string Name, FilterOperator Op, PropertyWire Value);

internal sealed record QueryWire(string? Pk, List<FilterWire> Filters, int PageSize);

/// <summary>One call: the operation, the table and whatever that operation takes.</summary>
internal sealed record StoreRequest(
    string Op,
    string Table,
    EntityWire? Entity = null,
    string? Pk = null,
    string? Rk = null,
    string? IfMatch = null,
    List<OperationWire>? Ops = null,
    QueryWire? Query = null,
    string? Continuation = null);

/// <summary>One answer: a status and whatever the operation returns.</summary>
internal sealed record StoreResponse(
    StoreStatus Status,
    EntityWire? Entity = null,
    string? ETag = null,
    List<EntityWire>? Entities = null,
    string? Continuation = null,
    int FailedIndex = -1,
    List<string?>? ETags = null,
    string? Reason = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoreRequest))]
[JsonSerializable(typeof(StoreResponse))]
internal sealed partial class TableWireJson : JsonSerializerContext;

internal static class TableWireMapping
{
    public static EntityWire ToWire(TableEntity entity) =>
        new(entity.PartitionKey, entity.RowKey, entity.ETag.Value, entity.Properties.ToDictionary(p => p.Key, p => ToWire(p.Value)));

    public static TableEntity FromWire(EntityWire wire) =>
        new(wire.Pk, wire.Rk, wire.P.Select(p => new KeyValuePair<string, object>(p.Key, FromWire(p.Value))), new ETag(wire.ETag));

    public static PropertyWire ToWire(object value) =>
        TablePropertyText.TryEncode(value, out var type, out var text)
            ? new(type, text)
            : throw new ArgumentException($"unsupported property type {value.GetType().Name}", nameof(value));

    public static object FromWire(PropertyWire wire) =>
        TablePropertyText.TryDecode(wire.T, wire.V, out var value) ? value : throw new FormatException($"unknown property type '{wire.T}'");

    public static OperationWire ToWire(TableOperation operation) => new(operation.Kind, ToWire(operation.Entity), operation.ETag.Value);

    public static TableOperation FromWire(OperationWire wire) => wire.Kind switch
    {
        TableOperationKind.Insert => TableOperation.Insert(FromWire(wire.Entity)),
        TableOperationKind.Replace => TableOperation.Replace(FromWire(wire.Entity with { ETag = wire.ETag })),
        TableOperationKind.Upsert => TableOperation.Upsert(FromWire(wire.Entity)),
        TableOperationKind.Delete => TableOperation.Delete(wire.Entity.Pk, wire.Entity.Rk, new ETag(wire.ETag)),
        _ => throw new FormatException($"unknown operation {wire.Kind}"),
    };

    public static QueryWire ToWire(TableQuery query) =>
        new(query.PartitionKey, [.. query.Filters.Select(f => new FilterWire(f.Name, f.Operator, ToWire(f.Value)))], query.PageSize);

    public static TableQuery FromWire(QueryWire wire) =>
        new() { PartitionKey = wire.Pk, Filters = [.. wire.Filters.Select(f => new PropertyFilter(f.Name, f.Op, FromWire(f.Value)))], PageSize = wire.PageSize };
}
