using System.Text;
using System.Text.Json;

namespace Ims.Bus.Dapr;

/// <summary>
/// One programmatic subscription, as the app lists it to the sidecar on GET /dapr/subscribe.
/// </summary>
public sealed record DaprSubscription(string PubSubName, string Topic, string Route, string? DeadLetterTopic)
{
    /// <summary>The functions side: the events topic.</summary>
    public static DaprSubscription ForEvents(DaprBusOptions options, string route = "/bus/events")
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DaprSubscription(options.PubSubName, options.EventsTopic, route, options.DeadLetterTopic);
    }

    /// <summary>An edge: its own commands topic.</summary>
    public static DaprSubscription ForCommands(DaprBusOptions options, string edgeId, string route = "/bus/commands")
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DaprSubscription(options.PubSubName, options.CommandsTopic(edgeId), route, options.DeadLetterTopic);
    }

    /// <summary>The JSON array the sidecar reads from GET /dapr/subscribe.</summary>
    public static string ToJson(IEnumerable<DaprSubscription> subscriptions)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var s in subscriptions)
            {
                writer.WriteStartObject();
                writer.WriteString("pubsubname", s.PubSubName);
                writer.WriteString("topic", s.Topic);
                writer.WriteString("route", s.Route);
                if (s.DeadLetterTopic is not null)
                {
                    writer.WriteString("deadLetterTopic", s.DeadLetterTopic);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
