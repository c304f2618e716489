namespace Ims.Storage;

/// <summary>
/// The shape rules of an entity group transaction, checked in our code before any I/O. Azure refuses
/// batches across partitions or over 100 operations, but Azurite accepts the first and answers the
/// second with a malformed response, so neither store may rely on the server to refuse them.
/// </summary>
public static class TableBatchRules
{
    public const int MaxOperations = 100;

    /// <summary>Null when the batch may run, else the refusal.</summary>
    public static BatchResult? Check(IReadOnlyList<TableOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count == 0)
        {
            return Refuse("a batch needs at least one operation");
        }

        if (operations.Count > MaxOperations)
        {
            return Refuse($"a batch holds at most {MaxOperations} operations, got {operations.Count}");
        }

        var partitionKey = operations[0].PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            if (!string.Equals(operation.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                return BatchResult.Failed(StoreStatus.InvalidBatch, i, $"a batch covers one partition: operation {i} is in '{operation.PartitionKey}', not '{partitionKey}'");
            }

            if (!rows.Add(operation.RowKey))
            {
                return BatchResult.Failed(StoreStatus.InvalidBatch, i, $"a batch touches each row once: operation {i} repeats row '{operation.RowKey}'");
            }
        }

        return null;
    }

    private static BatchResult Refuse(string reason) => BatchResult.Failed(StoreStatus.InvalidBatch, -1, reason);
}
