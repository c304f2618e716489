using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ims.Storage.Http;

namespace Ims.Edge.Hosting;

/// <summary>
/// Asks the `ims up` that holds a data folder to take an operator action, through the loopback
/// endpoint it published in admin.json (address and token). Failures are one-line values, never thrown.
/// </summary>
public static class OperatorClient
{
    public static async Task<(OperatorReply? Reply, string? Error)> ReleaseAsync(string dataFolder, PolicyReleaseOrder order, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataFolder);
        ArgumentNullException.ThrowIfNull(order);
        if (TableStoreEndpoint.Read(dataFolder) is not { } endpoint)
        {
            return (null, $"no running ims up holds {Path.GetFullPath(dataFolder)} (no {TableStoreEndpoint.FileName}): a release needs the running core");
        }

        using var client = new HttpClient { BaseAddress = new Uri(endpoint.Url), Timeout = timeout };
        client.DefaultRequestHeaders.Add(TableStoreHttpServer.TokenHeader, endpoint.Token);
        try
        {
            var path = TableStoreHttpServer.OperatorPath.TrimStart('/') + OperatorActions.PolicyReleaseAction;
            using var response = await client.PostAsJsonAsync(path, order, OperatorJson.Default.PolicyReleaseOrder, cancellationToken).ConfigureAwait(false);
            var reply = await ReadReplyAsync(response, cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.Accepted && reply?.EventId is not null
                ? (reply, null)
                : (null, $"ims up (pid {endpoint.Pid}) refused the release: {reply?.Error ?? $"HTTP {(int)response.StatusCode}"}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            // admin.json outlives an `ims up` that was killed: say so rather than hang or throw.
            return (null, $"no ims up answers at {endpoint.Url} (pid {endpoint.Pid}): {ex.Message}");
        }
    }

    private static async Task<OperatorReply?> ReadReplyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(OperatorJson.Default.OperatorReply, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }
}
