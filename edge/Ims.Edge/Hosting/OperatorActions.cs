using System.Text.Json;
using System.Text.Json.Serialization;
using Ims.Bus;
using Ims.Edge.Core;
using Ims.Events;

namespace Ims.Edge.Hosting;

/// <summary>
/// Operator actions a running `ims up` takes on the loopback admin port (beside the store, same token):
/// each becomes an event on the bus, published by this edge like anything a peer sent, so the functions
/// decide and the event log records it. `policy/release` publishes <see cref="PolicyReleaseRequested"/>.
/// </summary>
public sealed class OperatorActions(IEventBus bus, EnvelopeStamp stamp)
{
    public const string PolicyReleaseAction = "policy/release";

    public async Task<(int Status, string Body)> HandleAsync(string action, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (action != PolicyReleaseAction)
        {
            return Reply(404, new OperatorReply(Error: $"no operator action '{action}'"));
        }

        PolicyReleaseOrder? order;
        try
        {
            order = JsonSerializer.Deserialize(body, OperatorJson.Default.PolicyReleaseOrder);
        }
        catch (JsonException ex)
        {
            return Reply(400, new OperatorReply(Error: $"not a release order: {ex.Message}"));
        }

        if (order?.Problem() is { } problem)
        {
            return Reply(400, new OperatorReply(Error: problem));
        }

        var subscriber = order!.Subscriber.Trim();
        var message = new PolicyReleaseRequested(subscriber, order.BearerLost ? PolicyRelease.LossOfBearer : PolicyRelease.AbortSession, order.AbortCause);
        // Ordered with the subscriber's other work: the partition key is the public identity.
        var envelope = stamp.Envelope(subscriber.ToLowerInvariant(), $"operator:policy-release:{subscriber.ToLowerInvariant()}", message);
        try
        {
            await bus.PublishAsync(envelope, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            return Reply(503, new OperatorReply(Error: "the core is stopping"));
        }

        return Reply(202, new OperatorReply(EventId: envelope.Id));
    }

    private static (int, string) Reply(int status, OperatorReply reply) => (status, JsonSerializer.Serialize(reply, OperatorJson.Default.OperatorReply));
}

/// <summary>`ims policy release`: end the live Rx sessions of a public identity, with ASR (and its Abort-Cause) or RAR loss of bearer.</summary>
public sealed record PolicyReleaseOrder(string Subscriber, bool BearerLost = false, uint AbortCause = 0)
{
    /// <summary>Null when the order can be carried out, else the one-line reason.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Subscriber))
        {
            return "a release names the public identity (IMPU) whose sessions end";
        }

        var impu = Subscriber.Trim();
        if (!(impu.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || impu.StartsWith("sips:", StringComparison.OrdinalIgnoreCase) || impu.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
            || impu.Length < 5 || impu.Any(char.IsWhiteSpace))
        {
            return $"'{impu}' is not a sip:, sips: or tel: URI";
        }

        // TS 29.214 5.3.1: BEARER_RELEASED (0) to SPONSORED_DATA_CONNECTIVITY_DISALLOWED (4).
        return AbortCause > 4 ? $"Abort-Cause {AbortCause} is not a TS 29.214 5.3.1 value (0-4)" : null;
    }
}

/// <summary>What an operator action answers: the id of the event it published, or why it did not.</summary>
public sealed record OperatorReply(string? EventId = null, string? Error = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PolicyReleaseOrder))]
[JsonSerializable(typeof(OperatorReply))]
internal sealed partial class OperatorJson : JsonSerializerContext;
