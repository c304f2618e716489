using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ims.Bus.Dapr;
using Ims.Functions.Azure.Hosting;
using Ims.Functions.Azure.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace Ims.Functions.Azure.Bus;

/// <summary>
/// The bus entry for Dapr pub/sub (the worker in a container beside daprd, e.g. on Kubernetes): daprd
/// reads the subscription from GET /dapr/subscribe and POSTs each CloudEvent of the events topic to
/// /bus/events, which answers {"status": SUCCESS | RETRY | DROP}. HTTP-triggered, because no Dapr or
/// Event Hubs trigger extension is on this package feed.
/// </summary>
/// <remarks>
/// daprd cannot send a function key, so these functions are anonymous at the Functions level and
/// check the token daprd sends in dapr-api-token (its APP_API_TOKEN) against IMS_DaprAppToken; with
/// no token configured every push is refused, so a deployment without Dapr exposes nothing.
/// </remarks>
public sealed class DaprPushFunctions(EnvelopeHandler handler, CloudSettings settings, ILogger<DaprPushFunctions> logger)
{
    public const string TokenHeader = "dapr-api-token";
    public const string EventsRoute = "bus/events";

    private readonly EnvelopeHandler _handler = handler ?? throw new ArgumentNullException(nameof(handler));
    private readonly CloudSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    private readonly ILogger<DaprPushFunctions> _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    private readonly DaprBusOptions _bus = new();

    [Function("DaprSubscribe")]
    public async Task<HttpResponseData> SubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dapr/subscribe")] HttpRequestData request,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (await RefuseAsync(request, context.CancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var json = DaprSubscription.ToJson([DaprSubscription.ForEvents(_bus, "/" + EventsRoute)]);
        var response = request.CreateResponse(HttpStatusCode.OK);
        response.Headers.Add("Content-Type", JsonResponses.ContentType);
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(json), context.CancellationToken).ConfigureAwait(false);
        return response;
    }

    [Function("DaprEvents")]
    public async Task<HttpResponseData> EventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = EventsRoute)] HttpRequestData request,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        if (await RefuseAsync(request, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var body = await RequestBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        DaprTopicStatus status;
        if (body is null)
        {
            _logger.LogError("a push on {Route} was longer than {Max} bytes: dropped", EventsRoute, RequestBody.MaxBytes);
            status = DaprTopicStatus.Drop;
        }
        else
        {
            var subscriber = new DaprSubscriber(_handler.AsConsumer(), new DaprSubscriptionOptions
            {
                Source = $"dapr {_bus.EventsTopic}",
                Malformed = (source, _, reason) => _logger.LogError("{Source}: not an envelope, dropped: {Reason}", source, reason),
                Undeliverable = (envelope, error) => _logger.LogError(error, "{Type} {Id} dropped", envelope.Type, envelope.Id),
            });
            status = await subscriber.HandleAsync(body, cancellationToken).ConfigureAwait(false);
        }

        // Dapr reads the status from a 200 body; RETRY makes daprd redeliver under its resiliency policy.
        return await JsonResponses.WriteAsync(request, HttpStatusCode.OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("status", DaprTopicResponse.WireName(status));
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseData?> RefuseAsync(HttpRequestData request, CancellationToken cancellationToken)
    {
        if (_settings.DaprAppToken is not { } expected)
        {
            return await JsonResponses.ErrorAsync(request, HttpStatusCode.NotFound, "DaprNotConfigured",
                "the Dapr entry is off: set IMS_DaprAppToken to daprd's APP_API_TOKEN", cancellationToken).ConfigureAwait(false);
        }

        var given = request.Headers.TryGetValues(TokenHeader, out var values) ? values.FirstOrDefault() : null;
        if (given is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return await JsonResponses.ErrorAsync(request, HttpStatusCode.Unauthorized, "DaprTokenMismatch",
                $"missing or wrong {TokenHeader}", cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
