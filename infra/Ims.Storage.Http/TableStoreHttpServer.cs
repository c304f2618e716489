using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ims.Storage.Http;

/// <summary>
/// Serves an <see cref="ITableStore"/> on a loopback HTTP port to clients that present the token.
/// `ims up` runs one over the store it holds, and writes the address and token (readable by its
/// owner only) into the data folder, so that `ims subscriber ...` can work while it runs.
/// </summary>
public sealed class TableStoreHttpServer : IAsyncDisposable
{
    public const string TokenHeader = "X-Ims-Admin-Token";
    /// <summary>Operator actions beside the store (`ims policy release`) live under this path; the store keeps "/".</summary>
    public const string OperatorPath = "/operator/";
    private readonly ITableStore _store;
    private readonly OperatorRequestHandler? _operatorRequests;
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public TableStoreHttpServer(ITableStore store, int port, string? token = null, OperatorRequestHandler? operatorRequests = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _operatorRequests = operatorRequests;
        Token = token ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        Url = $"http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/";
        _listener.Prefixes.Add(Url);
    }

    public string Url { get; }

    public string Token { get; }

    public void Start()
    {
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Writes {url, token, pid} for clients; the file is readable by its owner only.</summary>
    public void WriteEndpointFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllText(path, JsonSerializer.Serialize(new TableStoreEndpoint(Url, Token, Environment.ProcessId), TableStoreEndpointJson.Default.TableStoreEndpoint));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var presented = context.Request.Headers[TokenHeader] ?? string.Empty;
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(Token)))
            {
                response.StatusCode = 401;
                return;
            }

            if (context.Request.Url?.AbsolutePath is { } path && path.StartsWith(OperatorPath, StringComparison.Ordinal))
            {
                await ServeOperatorAsync(context, path[OperatorPath.Length..]).ConfigureAwait(false);
                return;
            }

            StoreRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync(context.Request.InputStream, TableWireJson.Default.StoreRequest, _stop.Token).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                request = null;
            }

            if (request is null)
            {
                response.StatusCode = 400;
                return;
            }

            StoreResponse answer;
            try
            {
                answer = await ExecuteAsync(request, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                // A request our own client would never send: refuse it, the store is untouched.
                response.StatusCode = 400;
                await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(ex.Message)).ConfigureAwait(false);
                return;
            }

            response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(response.OutputStream, answer, TableWireJson.Default.StoreResponse, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or OperationCanceledException)
        {
            // The client went away or we are stopping.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                // Already closed.
            }
        }
    }

    private async Task ServeOperatorAsync(HttpListenerContext context, string action)
    {
        var response = context.Response;
        if (_operatorRequests is null)
        {
            response.StatusCode = 404;
            return;
        }

        // Operator requests are one small JSON object; anything larger is not ours.
        using var body = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await context.Request.InputStream.ReadAsync(buffer, _stop.Token).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > 64 * 1024)
            {
                response.StatusCode = 413;
                return;
            }

            body.Write(buffer, 0, read);
        }

        var (status, text) = await _operatorRequests(action, body.ToArray(), _stop.Token).ConfigureAwait(false);
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(text), _stop.Token).ConfigureAwait(false);
    }

    private async Task<StoreResponse> ExecuteAsync(StoreRequest request, CancellationToken cancellationToken)
    {
        switch (request.Op)
        {
            case "get":
                var got = await _store.GetAsync(request.Table, request.Pk!, request.Rk!, cancellationToken).ConfigureAwait(false);
                return new StoreResponse(got.Status, Entity: got.Value is null ? null : TableWireMapping.ToWire(got.Value));
            case "insert":
                return ETagResponse(await _store.InsertAsync(request.Table, TableWireMapping.FromWire(request.Entity!), cancellationToken).ConfigureAwait(false));
            case "replace":
                return ETagResponse(await _store.ReplaceAsync(request.Table, TableWireMapping.FromWire(request.Entity!), cancellationToken).ConfigureAwait(false));
            case "upsert":
                return ETagResponse(await _store.UpsertAsync(request.Table, TableWireMapping.FromWire(request.Entity!), cancellationToken).ConfigureAwait(false));
            case "delete":
                return ETagResponse(await _store.DeleteAsync(request.Table, request.Pk!, request.Rk!, new ETag(request.IfMatch), cancellationToken).ConfigureAwait(false));
            case "batch":
                var batch = await _store.ExecuteBatchAsync(request.Table, [.. request.Ops!.Select(TableWireMapping.FromWire)], cancellationToken).ConfigureAwait(false);
                return new StoreResponse(batch.Status, FailedIndex: batch.FailedIndex, ETags: [.. batch.ETags.Select(e => e.Value)], Reason: batch.Reason);
            case "query":
                var page = await _store.QueryPageAsync(request.Table, TableWireMapping.FromWire(request.Query!), request.Continuation, cancellationToken).ConfigureAwait(false);
                return new StoreResponse(StoreStatus.Ok, Entities: [.. page.Entities.Select(TableWireMapping.ToWire)], Continuation: page.ContinuationToken);
            default:
                throw new FormatException($"unknown operation '{request.Op}'");
        }
    }

    private static StoreResponse ETagResponse(StoreResult<ETag> result) => new(result.Status, ETag: result.Value.Value);
}
