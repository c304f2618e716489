using System.Collections.Concurrent;
using Ims.Events;

namespace Ims.Bus.Tests.Contract;

/// <summary>What a bus under test reported instead of throwing: envelopes it gave up on, bytes it could not read.</summary>
public sealed class BusReports
{
    public ConcurrentQueue<(BusEnvelope Envelope, Exception Error)> Undeliverable { get; } = new();

    public ConcurrentQueue<(string Source, byte[] Payload, string Reason)> Malformed { get; } = new();

    public void OnUndeliverable(BusEnvelope envelope, Exception error) => Undeliverable.Enqueue((envelope, error));

    public void OnMalformed(string source, ReadOnlyMemory<byte> payload, string reason) => Malformed.Enqueue((source, payload.ToArray(), reason));
}
