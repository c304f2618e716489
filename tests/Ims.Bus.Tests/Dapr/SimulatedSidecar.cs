using System.Text;
using System.Text.Json;
using Ims.Bus.Dapr;

namespace Ims.Bus.Tests.Dapr;

/// <summary>
/// A stand-in for daprd at the SDK boundary, NOT a sidecar: it keeps what the client published, wraps
/// each message in a structured CloudEvent the way Dapr documents it, delivers one partition key's
/// messages in order to the topic's <see cref="DaprSubscriber"/>, redelivers on RETRY up to a bound
/// (standing in for a resiliency policy) and dead-letters on DROP or when the retries run out.
/// </summary>
public sealed class SimulatedSidecar(int maxDeliveries = 3)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DaprSubscriber> _subscribers = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Topic, string Key), Queue<byte[]>> _pending = [];

    public List<DaprPublication> Publications { get; } = [];

    public List<(string Topic, byte[] Body, DaprTopicStatus Last)> DeadLetters { get; } = [];

    public void Subscribe(string topic, DaprSubscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers.Add(topic, subscriber);
        }
    }

    public void Publish(string pubSubName, string topic, byte[] data, string contentType, Dictionary<string, string> metadata)
    {
        var publication = new DaprPublication(pubSubName, topic, data, contentType, metadata);
        lock (_gate)
        {
            Publications.Add(publication);
            Enqueue(topic, metadata.GetValueOrDefault(DaprBus.PartitionKeyMetadata, string.Empty), ToCloudEvent(publication));
        }
    }

    /// <summary>Delivers <paramref name="body"/> as is, as to a subscription with rawPayload.</summary>
    public void DeliverRaw(string topic, byte[] body, string partitionKey)
    {
        lock (_gate)
        {
            Enqueue(topic, partitionKey, body);
        }
    }

    public async Task DrainAsync()
    {
        while (true)
        {
            List<(string Topic, Queue<byte[]> Queue, DaprSubscriber Subscriber)> work;
            lock (_gate)
            {
                work = [.. _pending
                    .Where(p => p.Value.Count > 0 && _subscribers.ContainsKey(p.Key.Topic))
                    .Select(p => (p.Key.Topic, p.Value, _subscribers[p.Key.Topic]))];
            }

            if (work.Count == 0)
            {
                return;
            }

            // One task per partition key: in order within a key, concurrent across keys.
            await Task.WhenAll(work.Select(w => DeliverAllAsync(w.Topic, w.Queue, w.Subscriber)));
        }
    }

    private async Task DeliverAllAsync(string topic, Queue<byte[]> queue, DaprSubscriber subscriber)
    {
        while (true)
        {
            byte[] body;
            lock (_gate)
            {
                if (!queue.TryDequeue(out body!))
                {
                    return;
                }
            }

            var status = DaprTopicStatus.Retry;
            for (var delivery = 1; delivery <= maxDeliveries && status == DaprTopicStatus.Retry; delivery++)
            {
                status = await subscriber.HandleAsync(body, CancellationToken.None);
            }

            if (status != DaprTopicStatus.Success)
            {
                lock (_gate)
                {
                    DeadLetters.Add((topic, body, status));
                }
            }
        }
    }

    private void Enqueue(string topic, string key, byte[] body)
    {
        if (!_pending.TryGetValue((topic, key), out var queue))
        {
            queue = new Queue<byte[]>();
            _pending.Add((topic, key), queue);
        }

        queue.Enqueue(body);
    }

    // CloudEvents 1.0 structured JSON, as Dapr wraps a published payload: JSON data inline, other bytes in data_base64.
    private static byte[] ToCloudEvent(DaprPublication publication)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", "1.0");
            writer.WriteString("id", publication.Metadata.GetValueOrDefault(DaprBus.CloudEventIdMetadata, "generated-id"));
            writer.WriteString("source", "ims-test");
            writer.WriteString("type", publication.Metadata.GetValueOrDefault(DaprBus.CloudEventTypeMetadata, "com.dapr.event.sent"));
            writer.WriteString("datacontenttype", publication.ContentType);
            writer.WriteString("pubsubname", publication.PubSubName);
            writer.WriteString("topic", publication.Topic);
            if (publication.ContentType == "application/json")
            {
                writer.WritePropertyName("data");
                writer.WriteRawValue(Encoding.UTF8.GetString(publication.Data));
            }
            else
            {
                writer.WriteBase64String("data_base64", publication.Data);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

/// <summary>One call of PublishByteEventAsync as the client made it.</summary>
public sealed record DaprPublication(string PubSubName, string Topic, byte[] Data, string ContentType, Dictionary<string, string> Metadata);
