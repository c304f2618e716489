using System.Net;
using Ims.Functions.Azure.Http;
using Ims.Hss.Provisioning;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace Ims.Functions.Azure.Provisioning;

/// <summary>
/// Subscriber provisioning over HTTP: what `ims subscriber add|list|show|remove` does, through the
/// same <see cref="SubscriberProvisioning"/> on the deployment's tables.
/// <code>
/// POST   /subscribers          one import entry (impi, impus, k, op|opc, ...) → 201 + Location | 400 | 409
/// GET    /subscribers          → 200 [{impi, impus}]
/// GET    /subscribers/{impi}   → 200 view (never keys) | 404
/// DELETE /subscribers/{impi}   → 200 | 404
/// </code>
/// Every refusal is JSON: {"error": summary, "errors": [{"kind", "message"}]}. A store that fails
/// answers 503; nothing is thrown to the host.
/// </summary>
public sealed class SubscriberFunctions(SubscriberProvisioning provisioning, ILogger<SubscriberFunctions> logger)
{
    private readonly SubscriberProvisioning _provisioning = provisioning ?? throw new ArgumentNullException(nameof(provisioning));
    private readonly ILogger<SubscriberFunctions> _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    [Function("SubscriberAdd")]
    public Task<HttpResponseData> AddAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "subscribers")] HttpRequestData request,
        FunctionContext context) =>
        GuardAsync(request, context, "add", async ct =>
        {
            if (await RequestBody.ReadTextAsync(request, ct).ConfigureAwait(false) is not { } body)
            {
                return await JsonResponses.ErrorAsync(request, HttpStatusCode.BadRequest, "InvalidBody",
                    $"the body must be UTF-8 JSON of at most {RequestBody.MaxBytes} bytes", ct).ConfigureAwait(false);
            }

            var (spec, errors) = SubscriberJson.ReadSpec(body);
            if (spec is null)
            {
                return await RefusedAsync(request, new ProvisioningResult(errors), ct).ConfigureAwait(false);
            }

            var result = await _provisioning.AddAsync(spec, ct).ConfigureAwait(false);
            if (!result.IsOk)
            {
                return await RefusedAsync(request, result, ct).ConfigureAwait(false);
            }

            var impi = spec.Impi.Trim();
            _logger.LogInformation("subscriber {Impi} added with {Count} IMPU(s)", impi, spec.Impus.Count);
            var response = await JsonResponses.WriteAsync(request, HttpStatusCode.Created,
                w => SubscriberJson.WriteSummary(w, impi, spec.Impus.Select(u => u.Impu.Trim())), ct).ConfigureAwait(false);
            response.Headers.Add("Location", $"/subscribers/{Uri.EscapeDataString(impi)}");
            return response;
        });

    [Function("SubscriberList")]
    public Task<HttpResponseData> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "subscribers")] HttpRequestData request,
        FunctionContext context) =>
        GuardAsync(request, context, "list", async ct =>
        {
            var subscribers = await _provisioning.ListAsync(ct).ConfigureAwait(false);
            return await JsonResponses.WriteAsync(request, HttpStatusCode.OK, w =>
            {
                w.WriteStartArray();
                foreach (var (impi, impus) in subscribers)
                {
                    SubscriberJson.WriteSummary(w, impi, impus);
                }

                w.WriteEndArray();
            }, ct).ConfigureAwait(false);
        });

    [Function("SubscriberShow")]
    public Task<HttpResponseData> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "subscribers/{impi}")] HttpRequestData request,
        string impi,
        FunctionContext context) =>
        GuardAsync(request, context, "show", async ct =>
        {
            if (string.IsNullOrWhiteSpace(impi))
            {
                return await JsonResponses.ErrorAsync(request, HttpStatusCode.BadRequest, nameof(ProvisioningErrorKind.InvalidImpi), "the IMPI is empty", ct).ConfigureAwait(false);
            }

            return await _provisioning.ShowAsync(impi.Trim(), ct).ConfigureAwait(false) is { } view
                ? await JsonResponses.WriteAsync(request, HttpStatusCode.OK, w => SubscriberJson.WriteView(w, view), ct).ConfigureAwait(false)
                : await JsonResponses.ErrorAsync(request, HttpStatusCode.NotFound, nameof(ProvisioningErrorKind.UnknownUser), $"unknown IMPI '{impi.Trim()}'", ct).ConfigureAwait(false);
        });

    [Function("SubscriberRemove")]
    public Task<HttpResponseData> RemoveAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "subscribers/{impi}")] HttpRequestData request,
        string impi,
        FunctionContext context) =>
        GuardAsync(request, context, "remove", async ct =>
        {
            if (string.IsNullOrWhiteSpace(impi))
            {
                return await JsonResponses.ErrorAsync(request, HttpStatusCode.BadRequest, nameof(ProvisioningErrorKind.InvalidImpi), "the IMPI is empty", ct).ConfigureAwait(false);
            }

            var result = await _provisioning.RemoveAsync(impi.Trim(), ct).ConfigureAwait(false);
            if (!result.IsOk)
            {
                return await RefusedAsync(request, result, ct).ConfigureAwait(false);
            }

            _logger.LogInformation("subscriber {Impi} removed", impi.Trim());
            return await JsonResponses.WriteAsync(request, HttpStatusCode.OK, w =>
            {
                w.WriteStartObject();
                w.WriteString("removed", impi.Trim());
                w.WriteEndObject();
            }, ct).ConfigureAwait(false);
        });

    private static Task<HttpResponseData> RefusedAsync(HttpRequestData request, ProvisioningResult result, CancellationToken cancellationToken) =>
        JsonResponses.ErrorAsync(
            request,
            ProvisioningStatus.Of(result),
            string.Join("; ", result.Errors),
            result.Errors.Select(e => (e.Kind.ToString(), e.ToString())),
            cancellationToken);

    // A store or network failure becomes 503 with a reason; the host never sees an exception.
    private async Task<HttpResponseData> GuardAsync(
        HttpRequestData request, FunctionContext context, string operation, Func<CancellationToken, Task<HttpResponseData>> work)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        try
        {
            return await work(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of the store is answered, not thrown: the caller gets a status and a reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogError(ex, "subscriber {Operation} failed", operation);
            return await JsonResponses.ErrorAsync(request, HttpStatusCode.ServiceUnavailable, "StoreUnavailable",
                $"the subscriber store failed: {ex.Message}", CancellationToken.None).ConfigureAwait(false);
        }
    }
}
