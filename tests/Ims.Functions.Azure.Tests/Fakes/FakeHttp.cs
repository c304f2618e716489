using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Ims.Functions.Azure.Tests.Fakes;

/// <summary>A request as the HTTP trigger would bind it: method, URL, headers and body.</summary>
internal sealed class FakeHttpRequest : HttpRequestData
{
    private FakeHttpRequest(FunctionContext context, string method, string path, byte[] body)
        : base(context)
    {
        Method = method;
        Url = new Uri("https://ims-func.example" + path);
        Body = new MemoryStream(body);
    }

    public override Stream Body { get; }

    public override HttpHeadersCollection Headers { get; } = [];

    public override IReadOnlyCollection<IHttpCookie> Cookies => [];

    public override Uri Url { get; }

    public override IEnumerable<ClaimsIdentity> Identities => [];

    public override string Method { get; }

    public static FakeHttpRequest Get(string path) => new(new FakeFunctionContext(), "GET", path, []);

    public static FakeHttpRequest Delete(string path) => new(new FakeFunctionContext(), "DELETE", path, []);

    public static FakeHttpRequest Post(string path, string body) => new(new FakeFunctionContext(), "POST", path, Encoding.UTF8.GetBytes(body));

    public static FakeHttpRequest Post(string path, byte[] body) => new(new FakeFunctionContext(), "POST", path, body);

    public FakeHttpRequest WithHeader(string name, string value)
    {
        Headers.Add(name, value);
        return this;
    }

    public override HttpResponseData CreateResponse() => new FakeHttpResponse(FunctionContext);
}

/// <summary>The response a function built, readable by the test.</summary>
internal sealed class FakeHttpResponse(FunctionContext context) : HttpResponseData(context)
{
    public override HttpStatusCode StatusCode { get; set; }

    public override HttpHeadersCollection Headers { get; set; } = [];

    public override Stream Body { get; set; } = new MemoryStream();

    public override HttpCookies Cookies => throw new NotSupportedException("the functions set no cookies");

    public string Text => Encoding.UTF8.GetString(((MemoryStream)Body).ToArray());

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Text);
        return document.RootElement.Clone();
    }

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

internal static class ResponseExtensions
{
    public static FakeHttpResponse Read(this HttpResponseData response) => (FakeHttpResponse)response;
}
