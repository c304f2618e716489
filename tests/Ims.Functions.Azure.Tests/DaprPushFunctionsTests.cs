using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Ims.Bus;
using Ims.Events;
using Ims.Functions.Azure.Bus;
using Ims.Functions.Azure.Decisions;
using Ims.Functions.Azure.Hosting;
using Ims.Functions.Azure.Tests.Fakes;
using Ims.Functions.Catalog;
using Ims.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ims.Functions.Azure.Tests;

/// <summary>
/// The bus entry of the worker, called as daprd would call it (CloudEvents posted to /bus/events),
/// dispatching to the real function catalog (the HSS) over a real embedded store. No daprd runs here.
/// </summary>
[TestClass]
public sealed class DaprPushFunctionsTests
{
    private const string Token = "app-token-7f3a";
    private static readonly DateTimeOffset At = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    /// <summary>A Cx Multimedia-Auth-Request captured from PyHSS (TS 29.229 6.1.7).</summary>
    private static byte[] CxMar { get; } = Convert.FromHexString(
        string.Concat(File.ReadAllText(TestPaths.TestData("diameter", "pyhss_cx_mar.hex")).Where(char.IsAsciiHexDigit)));

    private static BusEnvelope MarEvent(string id) =>
        new(id, At, "edge-7", "alice@ims.example", "scscf;1;mar", new DiameterRequestReceived(ImsRole.Hss, "scscf.ims.example", CxMar));

    // CloudEvents 1.0 structured JSON, as daprd posts a message published with content type application/json.
    private static string CloudEvent(BusEnvelope envelope) => $$"""
        {"specversion":"1.0","id":"{{envelope.Id}}","source":"edge","type":"{{envelope.Type}}","topic":"ims-events","pubsubname":"ims-pubsub",
         "datacontenttype":"application/json","data":{{Encoding.UTF8.GetString(BusEnvelopeJson.Serialize(envelope))}}}
        """;

    private sealed class Wiring : IDisposable
    {
        private readonly StoreFixture _store = new();

        public Wiring(string? token = Token, IEventBus? bus = null)
        {
            Commands = new CapturingBus();
            var dispatcher = new FunctionDispatcher(
                ImsFunctionCatalog.Build(_store.Store, new ImsFunctionSettings { HomeDomain = "ims.example" }),
                new FakeTimeProvider(At),
                new RandomEnvelopeIds());
            var handler = new EnvelopeHandler(dispatcher, bus ?? Commands, new NoDecisionRecords(), NullLogger<EnvelopeHandler>.Instance);
            var settings = new CloudSettings { HomeDomain = "ims.example", StoreConnection = "unused", DaprAppToken = token };
            Functions = new DaprPushFunctions(handler, settings, NullLogger<DaprPushFunctions>.Instance);
        }

        public CapturingBus Commands { get; }

        public DaprPushFunctions Functions { get; }

        public async Task<FakeHttpResponse> PushAsync(string body, string? token = Token)
        {
            var request = FakeHttpRequest.Post("/bus/events", body);
            if (token is not null)
            {
                request.WithHeader(DaprPushFunctions.TokenHeader, token);
            }

            return (await Functions.EventsAsync(request, request.FunctionContext)).Read();
        }

        public void Dispose() => _store.Dispose();
    }

    [TestMethod]
    public async Task AnHssEventIsAnsweredByTheHssAndTheAnswerGoesToTheEdgeThatSentIt()
    {
        using var wiring = new Wiring();

        var response = await wiring.PushAsync(CloudEvent(MarEvent("evt-1")));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("SUCCESS", response.Json().GetProperty("status").GetString());
        var command = wiring.Commands.Published.Single();
        Assert.AreEqual("edge-7", command.EdgeId);
        Assert.AreEqual("alice@ims.example", command.PartitionKey);
        Assert.AreEqual("scscf;1;mar", command.Correlation);
        var answer = (SendDiameterAnswer)command.Message;
        Assert.AreEqual("scscf.ims.example", answer.PeerId);

        // RFC 6733 3: version 1, R bit clear (an answer), command code 303 (Multimedia-Auth), the request's hop-by-hop id.
        Assert.AreEqual(1, answer.Message[0]);
        Assert.AreEqual(0, answer.Message[4] & 0x80);
        Assert.AreEqual(303, (answer.Message[5] << 16) | (answer.Message[6] << 8) | answer.Message[7]);
        CollectionAssert.AreEqual(CxMar[12..16], answer.Message[12..16]);
    }

    [TestMethod]
    public async Task ARedeliveredPushRepublishesTheSameCommandsWithoutRunningTheHssAgain()
    {
        using var wiring = new Wiring();

        var first = await wiring.PushAsync(CloudEvent(MarEvent("evt-1")));
        var again = await wiring.PushAsync(CloudEvent(MarEvent("evt-1")));

        Assert.AreEqual("SUCCESS", first.Json().GetProperty("status").GetString());
        Assert.AreEqual("SUCCESS", again.Json().GetProperty("status").GetString());
        var published = wiring.Commands.Published.ToList();
        Assert.HasCount(2, published);

        // Same id and same bytes: the dispatcher answered from memory, and the edge can drop the duplicate.
        Assert.AreEqual(published[0].Id, published[1].Id);
        CollectionAssert.AreEqual(BusEnvelopeJson.Serialize(published[0]), BusEnvelopeJson.Serialize(published[1]));
    }

    [TestMethod]
    public async Task WhenTheCommandCannotBePublishedDaprIsAskedToRetry()
    {
        using var wiring = new Wiring(bus: new DownBus());

        var response = await wiring.PushAsync(CloudEvent(MarEvent("evt-1")));

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("RETRY", response.Json().GetProperty("status").GetString());
    }

    [TestMethod]
    [DataRow("{", DisplayName = "truncated JSON")]
    [DataRow("REGISTER sip:ims.example SIP/2.0", DisplayName = "not JSON")]
    [DataRow("""{"specversion":"1.0","id":"x","type":"t","source":"s"}""", DisplayName = "cloud event without data")]
    [DataRow("""{"specversion":"1.0","id":"x","type":"t","source":"s","data":{"id":"x","message":{"type":"no.such.type"}}}""", DisplayName = "unknown message type")]
    public async Task APushThatHoldsNoEnvelopeIsDroppedAndNothingIsPublished(string body)
    {
        using var wiring = new Wiring();

        var response = await wiring.PushAsync(body);

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("DROP", response.Json().GetProperty("status").GetString());
        Assert.IsEmpty(wiring.Commands.Published);
    }

    [TestMethod]
    public async Task APushWithoutTheRightTokenIs401AndNothingRuns()
    {
        using var wiring = new Wiring();

        var missing = await wiring.PushAsync(CloudEvent(MarEvent("evt-1")), token: null);
        var wrong = await wiring.PushAsync(CloudEvent(MarEvent("evt-2")), token: "guess");

        Assert.AreEqual(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.IsEmpty(wiring.Commands.Published);
    }

    [TestMethod]
    public async Task WithNoTokenConfiguredTheDaprEntryIsOff()
    {
        using var wiring = new Wiring(token: null);

        var response = await wiring.PushAsync(CloudEvent(MarEvent("evt-1")), token: "anything");

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        StringAssert.Contains(response.Json().GetProperty("error").GetString(), "IMS_DaprAppToken");
        Assert.IsEmpty(wiring.Commands.Published);
    }

    [TestMethod]
    public async Task TheSubscriptionNamesTheEventsTopicAndTheRouteOfTheEntry()
    {
        using var wiring = new Wiring();
        var request = FakeHttpRequest.Get("/dapr/subscribe").WithHeader(DaprPushFunctions.TokenHeader, Token);

        var response = (await wiring.Functions.SubscribeAsync(request, request.FunctionContext)).Read();

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var subscription = response.Json().EnumerateArray().Single();
        Assert.AreEqual("ims-pubsub", subscription.GetProperty("pubsubname").GetString());
        Assert.AreEqual("ims-events", subscription.GetProperty("topic").GetString());
        Assert.AreEqual("/bus/events", subscription.GetProperty("route").GetString());
    }

    /// <summary>The commands bus as the tests see it: what was published, in order.</summary>
    private sealed class CapturingBus : IEventBus
    {
        public ConcurrentQueue<BusEnvelope> Published { get; } = new();

        public ValueTask PublishAsync(BusEnvelope envelope, CancellationToken cancellationToken)
        {
            Published.Enqueue(envelope);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A commands bus whose broker is unreachable.</summary>
    private sealed class DownBus : IEventBus
    {
        public ValueTask PublishAsync(BusEnvelope envelope, CancellationToken cancellationToken) =>
            throw new IOException("event hub unreachable");
    }
}
