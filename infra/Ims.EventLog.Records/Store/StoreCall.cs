namespace Ims.EventLog.Store;

/// <summary>
/// One call a function made on the table store while it handled one event, with what the store
/// answered: what replay serves the same handler again, so that it reads the state it read then
/// rather than today's tables.
/// </summary>
/// <param name="Op">get, insert, replace, upsert, delete, batch or query.</param>
/// <param name="Status">The store's answer (Ok, NotFound, Conflict, PreconditionFailed, InvalidBatch).</param>
/// <param name="Row">The row read (get) or written (insert, replace, upsert).</param>
/// <param name="Rows">The page a query returned, or the rows of a batch's operations.</param>
/// <param name="Kinds">The operation kinds of a batch, one per row.</param>
/// <param name="ETag">The ETag the store returned for a write.</param>
/// <param name="IfMatch">The ETag a delete was conditional on.</param>
/// <param name="Query">The query, in a canonical text form (partition, filters, page size).</param>
public sealed record StoreCall(
    string Op,
    string Table,
    string Status,
    string? PartitionKey = null,
    string? RowKey = null,
    StoredRow? Row = null,
    IReadOnlyList<StoredRow>? Rows = null,
    IReadOnlyList<string>? Kinds = null,
    string? ETag = null,
    string? IfMatch = null,
    string? Query = null,
    string? Token = null,
    string? NextToken = null,
    IReadOnlyList<string?>? ETags = null,
    int? FailedIndex = null);

/// <summary>A table row as the log keeps it; <paramref name="Redacted"/> names the secret columns whose values were withheld.</summary>
public sealed record StoredRow(
    string PartitionKey,
    string RowKey,
    string? ETag,
    IReadOnlyDictionary<string, StoredValue> Properties,
    IReadOnlyList<string>? Redacted = null);

/// <summary>A property value with a type letter, so a row reads back with Azure's types: s, i, l, b, d, t, x.</summary>
public sealed record StoredValue(string T, string V);
