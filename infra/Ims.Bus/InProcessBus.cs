using System.Collections.Concurrent;
using System.Threading.Channels;
using Ims.Events;

namespace Ims.Bus;

/// <summary>
/// The embedded bus: bounded channels in this process. Each consumer has a fixed number of
/// partitions; an envelope goes to the partition of its key, and a partition is consumed by one
/// loop, so envelopes with one key are handled in order while different keys run in parallel.
/// A consumer that throws gets the envelope again (at least once), up to <see cref="MaxAttempts"/>.
/// </summary>
public sealed class InProcessBus : IEventBus, IAsyncDisposable
{
    public const int MaxAttempts = BusDelivery.DefaultMaxAttempts;

    private readonly int _partitions;
    private readonly int _capacity;
    private readonly UndeliverableEnvelope _undeliverable;
    private readonly MalformedPayload _malformed;
    private readonly ConcurrentDictionary<string, Subscriber> _commandSubscribers = new(StringComparer.Ordinal);
    private Subscriber? _eventSubscriber;

    public InProcessBus(
        int partitions = 8,
        int capacityPerPartition = 10_000,
        UndeliverableEnvelope? undeliverable = null,
        MalformedPayload? malformed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityPerPartition, 1);
        _partitions = partitions;
        _capacity = capacityPerPartition;
        _undeliverable = undeliverable ?? ((_, _) => { });
        _malformed = malformed ?? ((_, _, _) => { });
    }

    /// <summary>The functions side: every event is delivered here.</summary>
    public void SubscribeEvents(BusConsumer consumer)
    {
        var subscriber = new Subscriber(consumer, _partitions, _capacity, _undeliverable);
        if (Interlocked.CompareExchange(ref _eventSubscriber, subscriber, null) is not null)
        {
            subscriber.Complete();
            throw new InvalidOperationException("events already have a consumer");
        }
    }

    /// <summary>The edge side: commands whose envelope names <paramref name="edgeId"/> are delivered here.</summary>
    public void SubscribeCommands(string edgeId, BusConsumer consumer)
    {
        var subscriber = new Subscriber(consumer, _partitions, _capacity, _undeliverable);
        if (!_commandSubscribers.TryAdd(edgeId, subscriber))
        {
            subscriber.Complete();
            throw new InvalidOperationException($"edge {edgeId} already has a command consumer");
        }
    }

    public ValueTask PublishAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var subscriber = envelope.Message.IsCommand
            ? _commandSubscribers.GetValueOrDefault(envelope.EdgeId)
            : _eventSubscriber;
        if (subscriber is null)
        {
            _undeliverable(envelope, new InvalidOperationException(
                envelope.Message.IsCommand ? $"no edge {envelope.EdgeId} on this bus" : "no event consumer on this bus"));
            return ValueTask.CompletedTask;
        }

        return subscriber.EnqueueAsync(envelope, cancellationToken);
    }

    /// <summary>
    /// Publishes an envelope that arrives as UTF-8 JSON (a replayed log line, an HTTP ingress): bytes
    /// that are not an envelope are reported to the <see cref="MalformedPayload"/> callback, not thrown,
    /// exactly as the Event Hubs and Dapr consumers treat them.
    /// </summary>
    /// <returns>False when the bytes were malformed and nothing was published.</returns>
    public async ValueTask<bool> PublishAsync(ReadOnlyMemory<byte> utf8Envelope, CancellationToken cancellationToken)
    {
        var envelope = BusEnvelopeJson.Deserialize(utf8Envelope.Span, out var error);
        if (envelope is null)
        {
            _malformed("in-process", utf8Envelope, error ?? "not an envelope");
            return false;
        }

        await PublishAsync(envelope, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Stops accepting envelopes and waits until every queued one has been consumed.</summary>
    public async ValueTask DisposeAsync()
    {
        var subscribers = _commandSubscribers.Values.Append(_eventSubscriber).OfType<Subscriber>().ToList();
        foreach (var subscriber in subscribers)
        {
            subscriber.Complete();
        }

        foreach (var subscriber in subscribers)
        {
            await subscriber.Completion.ConfigureAwait(false);
        }
    }

    private sealed class Subscriber
    {
        private readonly Channel<BusEnvelope>[] _channels;
        private readonly BusConsumer _consumer;
        private readonly UndeliverableEnvelope _undeliverable;

        public Subscriber(BusConsumer consumer, int partitions, int capacity, UndeliverableEnvelope undeliverable)
        {
            _consumer = consumer;
            _undeliverable = undeliverable;
            _channels = new Channel<BusEnvelope>[partitions];
            var loops = new Task[partitions];
            for (var i = 0; i < partitions; i++)
            {
                // Bounded: a flood waits at the publisher instead of exhausting memory.
                _channels[i] = Channel.CreateBounded<BusEnvelope>(new BoundedChannelOptions(capacity) { SingleReader = true });
                var reader = _channels[i].Reader;
                loops[i] = Task.Run(() => ConsumeAsync(reader));
            }

            Completion = Task.WhenAll(loops);
        }

        public Task Completion { get; }

        public ValueTask EnqueueAsync(BusEnvelope envelope, CancellationToken cancellationToken) =>
            _channels[PartitionOf(envelope.PartitionKey, _channels.Length)].Writer.WriteAsync(envelope, cancellationToken);

        public void Complete()
        {
            foreach (var channel in _channels)
            {
                channel.Writer.TryComplete();
            }
        }

        private async Task ConsumeAsync(ChannelReader<BusEnvelope> reader)
        {
            await foreach (var envelope in reader.ReadAllAsync().ConfigureAwait(false))
            {
                await BusDelivery.DeliverAsync(envelope, _consumer, MaxAttempts, _undeliverable, CancellationToken.None).ConfigureAwait(false);
            }
        }

        // FNV-1a over the key's UTF-16 code units: stable across processes, unlike string.GetHashCode.
        private static int PartitionOf(string key, int partitions)
        {
            var hash = 2166136261u;
            foreach (var c in key)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)(hash % (uint)partitions);
        }
    }
}
