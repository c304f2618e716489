using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ims.Functions.Catalog;

/// <summary>
/// The function settings as JSON: a host writes them into the event log when it starts, and replay
/// builds the functions with the settings of the recorded run (its own URIs and ports), not its own.
/// </summary>
public static class ImsFunctionSettingsJson
{
    public static string Serialize(ImsFunctionSettings settings) =>
        JsonSerializer.Serialize(settings, ImsFunctionSettingsJsonContext.Default.ImsFunctionSettings);

    /// <summary>Null with a reason when the text is not settings.</summary>
    public static ImsFunctionSettings? Deserialize(string json, out string? error)
    {
        try
        {
            var settings = JsonSerializer.Deserialize(json, ImsFunctionSettingsJsonContext.Default.ImsFunctionSettings);
            error = settings is null ? "empty settings" : null;
            return settings;
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ImsFunctionSettings))]
internal sealed partial class ImsFunctionSettingsJsonContext : JsonSerializerContext;
