using System.Net;
using System.Text.Json;
using Ims.Functions.Azure.Provisioning;
using Ims.Functions.Azure.Tests.Fakes;
using Ims.Hss.Provisioning;
using Ims.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ims.Functions.Azure.Tests;

/// <summary>The provisioning functions called as the HTTP trigger would call them, over a real embedded store.</summary>
[TestClass]
public sealed class SubscriberFunctionsTests
{
    private const string Alice = "alice@ims.mnc001.mcc001.3gppnetwork.org";

    private static readonly string AliceJson = $$"""
        { "impi": "{{Alice}}",
          "impus": ["sip:alice@ims.mnc001.mcc001.3gppnetwork.org", { "impu": "tel:+15550100", "barred": true }],
          "k": "465b5ce8b199b49faa5f0a2ee238a6bc", "op": "cdc202d5123e20f62b6d676ac72cb318", "sqn": "000000000021" }
        """;

    private static SubscriberFunctions Functions(ITableStore store) =>
        new(new SubscriberProvisioning(store), NullLogger<SubscriberFunctions>.Instance);

    private static async Task<FakeHttpResponse> AddAsync(SubscriberFunctions functions, string body)
    {
        var request = FakeHttpRequest.Post("/subscribers", body);
        return (await functions.AddAsync(request, request.FunctionContext)).Read();
    }

    private static async Task<FakeHttpResponse> ShowAsync(SubscriberFunctions functions, string impi)
    {
        var request = FakeHttpRequest.Get("/subscribers/" + Uri.EscapeDataString(impi));
        return (await functions.ShowAsync(request, impi, request.FunctionContext)).Read();
    }

    private static async Task<FakeHttpResponse> ListAsync(SubscriberFunctions functions)
    {
        var request = FakeHttpRequest.Get("/subscribers");
        return (await functions.ListAsync(request, request.FunctionContext)).Read();
    }

    private static async Task<FakeHttpResponse> RemoveAsync(SubscriberFunctions functions, string impi)
    {
        var request = FakeHttpRequest.Delete("/subscribers/" + Uri.EscapeDataString(impi));
        return (await functions.RemoveAsync(request, impi, request.FunctionContext)).Read();
    }

    private static List<string> Kinds(FakeHttpResponse response) =>
        [.. response.Json().GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];

    [TestMethod]
    public async Task AddAnswers201WithALocationAndShowGivesTheSubscriberWithoutKeys()
    {
        using var fixture = new StoreFixture();
        var functions = Functions(fixture.Store);

        var added = await AddAsync(functions, AliceJson);
        var shown = await ShowAsync(functions, Alice);

        Assert.AreEqual(HttpStatusCode.Created, added.StatusCode);
        Assert.AreEqual("/subscribers/alice%40ims.mnc001.mcc001.3gppnetwork.org", added.Header("Location"));
        Assert.AreEqual(Alice, added.Json().GetProperty("impi").GetString());
        Assert.AreEqual(HttpStatusCode.OK, shown.StatusCode);
        StringAssert.StartsWith(shown.Header("Content-Type"), "application/json");
        var view = shown.Json();
        Assert.AreEqual(Alice, view.GetProperty("impi").GetString());
        Assert.AreEqual("000000000021", view.GetProperty("sqn").GetString());
        Assert.AreEqual("8000", view.GetProperty("amf").GetString());
        var impus = view.GetProperty("impus").EnumerateArray().ToList();
        Assert.HasCount(2, impus);
        Assert.AreEqual("tel:+15550100", impus[1].GetProperty("impu").GetString());
        Assert.IsTrue(impus[1].GetProperty("barred").GetBoolean());
        Assert.IsFalse(impus[0].GetProperty("barred").GetBoolean());

        // Keys never leave the store: not by name, not by value.
        foreach (var secret in new[] { "\"k\"", "\"op\"", "\"opc\"", "465b5ce8b199b49faa5f0a2ee238a6bc", "cdc202d5123e20f62b6d676ac72cb318" })
        {
            Assert.DoesNotContain(secret, shown.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [TestMethod]
    public async Task AddingAnImpiTwiceIs409AndLeavesTheFirstAsItWas()
    {
        using var fixture = new StoreFixture();
        var functions = Functions(fixture.Store);
        await AddAsync(functions, AliceJson);

        var again = await AddAsync(functions, AliceJson.Replace("000000000021", "000000000099", StringComparison.Ordinal));

        Assert.AreEqual(HttpStatusCode.Conflict, again.StatusCode);
        CollectionAssert.Contains(Kinds(again), nameof(ProvisioningErrorKind.ImpiExists));
        Assert.AreEqual("000000000021", (await ShowAsync(functions, Alice)).Json().GetProperty("sqn").GetString());
    }

    [TestMethod]
    public async Task AnImpuOwnedByAnotherSubscriberIs409()
    {
        using var fixture = new StoreFixture();
        var functions = Functions(fixture.Store);
        await AddAsync(functions, AliceJson);

        var bob = await AddAsync(functions, """
            { "impi": "bob@ims.mnc001.mcc001.3gppnetwork.org", "impu": "tel:+15550100",
              "k": "465b5ce8b199b49faa5f0a2ee238a6bc", "opc": "cd63cb71954a9f4e48a5994e37a02baf" }
            """);

        Assert.AreEqual(HttpStatusCode.Conflict, bob.StatusCode);
        CollectionAssert.AreEqual(new[] { nameof(ProvisioningErrorKind.ImpuOwned) }, Kinds(bob));
        StringAssert.Contains(bob.Json().GetProperty("error").GetString(), "tel:+15550100");
        Assert.AreEqual(HttpStatusCode.NotFound, (await ShowAsync(functions, "bob@ims.mnc001.mcc001.3gppnetwork.org")).StatusCode);
    }

    [TestMethod]
    public async Task InvalidFieldsAre400WithEveryReasonAndNothingIsWritten()
    {
        using var fixture = new StoreFixture();
        var functions = Functions(fixture.Store);

        var response = await AddAsync(functions, """
            { "impi": "no-domain", "impus": ["mailto:alice@example.org"], "k": "zz5b5ce8b199b49faa5f0a2ee238a6bc", "op": "cdc2" }
            """);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        var kinds = Kinds(response);
        CollectionAssert.IsSubsetOf(
            new[] { nameof(ProvisioningErrorKind.InvalidImpi), nameof(ProvisioningErrorKind.InvalidImpu), nameof(ProvisioningErrorKind.InvalidHex), nameof(ProvisioningErrorKind.InvalidLength) },
            kinds);
        Assert.AreEqual(0, (await ListAsync(functions)).Json().GetArrayLength());
    }

    [TestMethod]
    [DataRow("{", DisplayName = "truncated JSON")]
    [DataRow("[]", DisplayName = "an array, not a subscriber")]
    [DataRow("\"alice\"", DisplayName = "a string")]
    [DataRow("{ \"impi\": \"a@b.example\" }", DisplayName = "k and impus missing")]
    [DataRow("{ \"impi\": \"a@b.example\", \"k\": 5 }", DisplayName = "k not a string")]
    [DataRow("{ \"impi\": \"a@b.example\", \"k\": \"00\", \"colour\": \"blue\" }", DisplayName = "unknown property")]
    [DataRow("", DisplayName = "empty body")]
    public async Task AMalformedBodyIs400WithAReason(string body)
    {
        using var fixture = new StoreFixture();

        var response = await AddAsync(Functions(fixture.Store), body);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsFalse(string.IsNullOrWhiteSpace(response.Json().GetProperty("error").GetString()));
        Assert.IsNotEmpty(Kinds(response));
    }

    [TestMethod]
    public async Task ABodyThatIsNotUtf8Is400()
    {
        using var fixture = new StoreFixture();
        var request = FakeHttpRequest.Post("/subscribers", [0x7b, 0xff, 0xfe, 0x7d]);

        var response = (await Functions(fixture.Store).AddAsync(request, request.FunctionContext)).Read();

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        CollectionAssert.AreEqual(new[] { "InvalidBody" }, Kinds(response));
    }

    [TestMethod]
    public async Task ListGivesEverySubscriberOrderedByImpi()
    {
        using var fixture = new StoreFixture();
        var functions = Functions(fixture.Store);
        await AddAsync(functions, AliceJson);
        await AddAsync(functions, """
            { "impi": "adam@ims.mnc001.mcc001.3gppnetwork.org", "impus": ["sip:adam@ims.mnc001.mcc001.3gppnetwork.org"],
              "k": "465b5ce8b199b49faa5f0a2ee238a6bc", "opc": "cd63cb71954a9f4e48a5994e37a02baf" }
            """);

        var list = await ListAsync(functions);

        Assert.AreEqual(HttpStatusCode.OK, list.StatusCode);
        var entries = list.Json().EnumerateArray().ToList();
        CollectionAssert.AreEqual(
            new[] { "adam@ims.mnc001.mcc001.3gppnetwork.org", Alice },
            entries.Select(e => e.GetProperty("impi").GetString()).ToArray());
        CollectionAssert.AreEqual(
            new[] { "sip:alice@ims.mnc001.mcc001.3gppnetwork.org", "tel:+15550100" },
            entries[1].GetProperty("impus").EnumerateArray().Select(e => e.GetString()).ToArray());
    }

    [TestMethod]
    public async Task RemoveAnswers200ThenTheSubscriberAndItsImpusAreGone()
    {
        using var fixture = new StoreFixture();
        var functions = Functions(fixture.Store);
        await AddAsync(functions, AliceJson);

        var removed = await RemoveAsync(functions, Alice);
        var again = await RemoveAsync(functions, Alice);

        Assert.AreEqual(HttpStatusCode.OK, removed.StatusCode);
        Assert.AreEqual(Alice, removed.Json().GetProperty("removed").GetString());
        Assert.AreEqual(HttpStatusCode.NotFound, again.StatusCode);
        CollectionAssert.AreEqual(new[] { nameof(ProvisioningErrorKind.UnknownUser) }, Kinds(again));
        Assert.AreEqual(HttpStatusCode.NotFound, (await ShowAsync(functions, Alice)).StatusCode);

        // The IMPUs were released: another subscriber may take them now.
        Assert.AreEqual(HttpStatusCode.Created, (await AddAsync(functions, AliceJson)).StatusCode);
    }

    [TestMethod]
    public async Task ShowOfAnUnknownImpiIs404()
    {
        using var fixture = new StoreFixture();

        var response = await ShowAsync(Functions(fixture.Store), "nobody@ims.mnc001.mcc001.3gppnetwork.org");

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        StringAssert.Contains(response.Json().GetProperty("error").GetString(), "nobody@ims.mnc001.mcc001.3gppnetwork.org");
    }

    [TestMethod]
    public async Task AFailingStoreIs503WithTheReasonNotAnException()
    {
        var functions = Functions(new FailingStore());

        var added = await AddAsync(functions, AliceJson);
        var listed = await ListAsync(functions);
        var shown = await ShowAsync(functions, Alice);
        var removed = await RemoveAsync(functions, Alice);

        foreach (var response in new[] { added, listed, shown, removed })
        {
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            StringAssert.Contains(response.Json().GetProperty("error").GetString(), "table endpoint unreachable");
        }
    }

    /// <summary>A store whose network is down.</summary>
    private sealed class FailingStore : ITableStore
    {
        private static IOException Down => new("table endpoint unreachable");

        public Task<StoreResult<TableEntity>> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) => throw Down;

        public Task<StoreResult<ETag>> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken) => throw Down;

        public Task<StoreResult<ETag>> ReplaceAsync(string table, TableEntity entity, CancellationToken cancellationToken) => throw Down;

        public Task<StoreResult<ETag>> UpsertAsync(string table, TableEntity entity, CancellationToken cancellationToken) => throw Down;

        public Task<StoreResult<ETag>> DeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken) => throw Down;

        public Task<BatchResult> ExecuteBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken) => throw Down;

        public Task<TablePage> QueryPageAsync(string table, TableQuery query, string? continuationToken, CancellationToken cancellationToken) => throw Down;
    }
}
