namespace Ims.Bus.Dapr;

/// <summary>What a <see cref="DaprSubscriber"/> accepts and whom it tells about trouble.</summary>
public sealed record DaprSubscriptionOptions
{
    /// <summary>Set on an edge: only commands naming this edge are accepted.</summary>
    public string? EdgeId { get; init; }

    /// <summary>Names the subscription in reports, e.g. "dapr ims-events".</summary>
    public string Source { get; init; } = "dapr";

    public UndeliverableEnvelope? Undeliverable { get; init; }

    public MalformedPayload? Malformed { get; init; }
}
