namespace Ims.Bus.Dapr;

/// <summary>The body of the HTTP 200 a subscriber returns to Dapr: {"status":"SUCCESS"|"RETRY"|"DROP"}.</summary>
public static class DaprTopicResponse
{
    public static string WireName(DaprTopicStatus status) => status switch
    {
        DaprTopicStatus.Success => "SUCCESS",
        DaprTopicStatus.Retry => "RETRY",
        DaprTopicStatus.Drop => "DROP",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown status"),
    };

    public static string ToJson(DaprTopicStatus status) => $$"""{"status":"{{WireName(status)}}"}""";
}
