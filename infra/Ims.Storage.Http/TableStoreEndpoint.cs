using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ims.Storage.Http;

/// <summary>Where a running `ims up` serves its store: the address, the token, and its pid.</summary>
public sealed record TableStoreEndpoint(string Url, string Token, int Pid)
{
    public const string FileName = "admin.json";

    /// <summary>The endpoint written into <paramref name="dataFolder"/>, or null when there is none.</summary>
    public static TableStoreEndpoint? Read(string dataFolder)
    {
        var path = Path.Combine(dataFolder, FileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), TableStoreEndpointJson.Default.TableStoreEndpoint) : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

[JsonSerializable(typeof(TableStoreEndpoint))]
internal sealed partial class TableStoreEndpointJson : JsonSerializerContext;
