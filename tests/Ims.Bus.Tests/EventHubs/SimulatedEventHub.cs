using System.Globalization;
using Azure.Messaging.EventHubs;
using Azure.Messaging.EventHubs.Producer;

namespace Ims.Bus.Tests.EventHubs;

/// <summary>
/// A stand-in for one hub at the SDK boundary, NOT a broker: it keeps what producers sent, places
/// each event in a partition by its partition key (the service's hash is not published; any stable
/// hash shows the same property, one key in one partition), and turns it into the received form with
/// <see cref="EventHubsModelFactory"/> (sequence number, offset, enqueued time).
/// </summary>
public sealed class SimulatedEventHub(string name, int partitionCount = 4)
{
    private static readonly DateTimeOffset EnqueuedAt = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);
    private readonly List<EventData>[] _partitions = [.. Enumerable.Range(0, partitionCount).Select(_ => new List<EventData>())];
    private readonly Lock _gate = new();

    public string Name { get; } = name;

    public int PartitionCount => _partitions.Length;

    /// <summary>Every send as the producer made it: options and events.</summary>
    public List<(SendEventOptions? Options, EventData[] Events)> Sends { get; } = [];

    public void Send(IEnumerable<EventData> events, SendEventOptions? options)
    {
        var batch = events.ToArray();
        lock (_gate)
        {
            Sends.Add((options, batch));
            foreach (var sent in batch)
            {
                Append(sent.EventBody.ToArray(), sent.Properties, options?.PartitionKey, sent.MessageId, sent.ContentType, sent.CorrelationId);
            }
        }
    }

    /// <summary>Puts bytes on the hub as some other producer might have (used for malformed payloads).</summary>
    public void SendRaw(byte[] body, string partitionKey)
    {
        lock (_gate)
        {
            Append(body, new Dictionary<string, object>(), partitionKey, null, null, null);
        }
    }

    public IReadOnlyList<EventData> Partition(int index)
    {
        lock (_gate)
        {
            return [.. _partitions[index]];
        }
    }

    public static int PartitionOf(string key, int partitions)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)partitions);
    }

    private void Append(byte[] body, IDictionary<string, object> properties, string? partitionKey, string? messageId, string? contentType, string? correlationId)
    {
        var index = PartitionOf(partitionKey ?? string.Empty, _partitions.Length);
        var sequenceNumber = _partitions[index].Count;
        var received = EventHubsModelFactory.EventData(
            new BinaryData(body),
            new Dictionary<string, object>(properties),
            new Dictionary<string, object>(),
            partitionKey,
            sequenceNumber,
            (sequenceNumber * 100L).ToString(CultureInfo.InvariantCulture),
            EnqueuedAt.AddMilliseconds(sequenceNumber));
        received.MessageId = messageId;
        received.ContentType = contentType;
        received.CorrelationId = correlationId;
        _partitions[index].Add(received);
    }
}
