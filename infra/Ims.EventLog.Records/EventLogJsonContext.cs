using System.Text.Json.Serialization;

namespace Ims.EventLog;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventLogRecord))]
internal sealed partial class EventLogJsonContext : JsonSerializerContext;
