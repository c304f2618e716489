using AzureEntity = Azure.Data.Tables.TableEntity;

namespace Ims.Storage.AzureTables;

/// <summary>Converts between the port's entity and the SDK's dictionary entity.</summary>
internal static class AzureEntityMapping
{
    // System properties the SDK puts in the dictionary next to the custom ones.
    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal)
    {
        "PartitionKey", "RowKey", "Timestamp", "odata.etag",
    };

    public static AzureEntity ToAzure(TableEntity entity)
    {
        var azure = new AzureEntity(entity.PartitionKey, entity.RowKey);
        foreach (var (name, value) in entity.Properties)
        {
            // The SDK serialises byte[] as Edm.Binary; ReadOnlyMemory<byte> it would not know.
            azure[name] = value is ReadOnlyMemory<byte> bytes ? bytes.ToArray() : value;
        }

        return azure;
    }

    public static TableEntity FromAzure(AzureEntity azure)
    {
        var properties = new List<KeyValuePair<string, object>>(azure.Count);
        foreach (var (name, value) in azure)
        {
            if (SystemProperties.Contains(name) || value is null)
            {
                continue;
            }

            properties.Add(new(name, value switch
            {
                BinaryData data => data.ToArray(),
                DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
                // Edm.Guid is not one of the port's types; a foreign entity's Guid reads as its text.
                Guid guid => guid.ToString("D"),
                _ => value,
            }));
        }

        return new TableEntity(azure.PartitionKey, azure.RowKey, properties, new ETag(azure.ETag.ToString()));
    }

    public static Azure.ETag ToAzure(ETag etag) => etag.IsAny ? Azure.ETag.All : new Azure.ETag(etag.Value!);
}
