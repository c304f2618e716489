using System.Collections.Concurrent;
using Ims.Bus;
using Ims.Edge.Cli;
using Ims.Edge.Core;
using Ims.Edge.Hosting;
using Ims.Events;
using Ims.Functions;
using Ims.Storage.Embedded;
using Ims.Storage.Http;

namespace Ims.Cli.Tests;

/// <summary>
/// `ims policy release`: bad input and a missing core end with one line and a non-zero exit; a good
/// order reaches the operator endpoint of the admin port and becomes one policy.release.requested event.
/// </summary>
[TestClass]
public sealed class PolicyReleaseCommandTests
{
    private const string Alice = "sip:alice@ims.example";

    [TestMethod]
    [DataRow(new[] { "policy", "release" }, 2, "Required argument missing")]
    [DataRow(new[] { "policy", "release", "alice@ims.example" }, 2, "'alice@ims.example' is not a sip:, sips: or tel: URI")]
    [DataRow(new[] { "policy", "release", "sip:" }, 2, "is not a sip:, sips: or tel: URI")]
    [DataRow(new[] { "policy", "release", Alice, "--cause", "tired" }, 2, "--cause takes bearer-released")]
    [DataRow(new[] { "policy", "release", Alice, "--cause", "7" }, 2, "not '7'")]
    [DataRow(new[] { "policy", "release", Alice, "--cause", "bearer-released", "--bearer-lost" }, 2, "--bearer-lost sends RAR")]
    public void BadInputIsOneLineAndAUsageError(string[] args, int expected, string reason)
    {
        using var data = new TempFolder();

        var (exit, output, error) = Run([.. args, "--data", data.Path]);

        Assert.AreEqual(expected, exit, error);
        Assert.AreEqual(string.Empty, output);
        Assert.HasCount(1, Lines(error));
        StringAssert.StartsWith(error, "ims: ");
        Assert.Contains(reason, error);
    }

    [TestMethod]
    public void WithoutARunningCoreTheReleaseFails()
    {
        using var data = new TempFolder();
        Directory.CreateDirectory(data.Path);

        var (exit, _, error) = Run("policy", "release", Alice, "--data", data.Path);

        Assert.AreEqual(1, exit);
        Assert.HasCount(1, Lines(error));
        Assert.Contains("no running ims up holds", error);
    }

    [TestMethod]
    public void AnEndpointFileLeftByAKilledCoreIsReportedNotHung()
    {
        using var data = new TempFolder();
        Directory.CreateDirectory(data.Path);
        var port = FreePort();
        File.WriteAllText(Path.Combine(data.Path, TableStoreEndpoint.FileName), $$"""{"Url":"http://127.0.0.1:{{port}}/","Token":"00","Pid":1}""");

        var (exit, _, error) = Run("policy", "release", Alice, "--data", data.Path);

        Assert.AreEqual(1, exit);
        Assert.HasCount(1, Lines(error));
        Assert.Contains($"no ims up answers at http://127.0.0.1:{port}/", error);
    }

    [TestMethod]
    public async Task AGoodOrderBecomesOnePolicyReleaseEventOnTheBus()
    {
        using var data = new TempFolder();
        Directory.CreateDirectory(data.Path);
        var bus = new RecordingBus();
        using var store = EmbeddedTableStore.Open(Path.Combine(data.Path, "elsewhere"));
        var stamp = new EnvelopeStamp("edge-t", TimeProvider.System, new RandomEnvelopeIds());
        await using var admin = new TableStoreHttpServer(store, FreePort(), operatorRequests: new OperatorActions(bus, stamp).HandleAsync);
        admin.Start();
        admin.WriteEndpointFile(Path.Combine(data.Path, TableStoreEndpoint.FileName));

        var (exit, output, error) = Run("policy", "release", " " + Alice, "--cause", "ps-to-cs-handover", "--data", data.Path);
        var (lostExit, lostOutput, lostError) = Run("policy", "release", "tel:+15550100", "--bearer-lost", "--data", data.Path);

        Assert.AreEqual(0, exit, error);
        Assert.AreEqual(0, lostExit, lostError);
        var envelopes = bus.Published.ToArray();
        Assert.HasCount(2, envelopes);
        Assert.AreEqual(new PolicyReleaseRequested(Alice, PolicyRelease.AbortSession, 3), envelopes[0].Message);
        Assert.AreEqual(Alice, envelopes[0].PartitionKey);
        Assert.AreEqual("edge-t", envelopes[0].EdgeId);
        StringAssert.StartsWith(output, $"{Alice}: release requested (event {envelopes[0].Id}); the PCRF sends ASR PS_TO_CS_HANDOVER");
        Assert.AreEqual(new PolicyReleaseRequested("tel:+15550100", PolicyRelease.LossOfBearer, 0), envelopes[1].Message);
        Assert.Contains("RAR INDICATION_OF_LOSS_OF_BEARER", lostOutput);
    }

    [TestMethod]
    public async Task TheOperatorEndpointRefusesAWrongTokenAndABadOrder()
    {
        var bus = new RecordingBus();
        using var folder = new TempFolder();
        using var store = EmbeddedTableStore.Open(folder.Path);
        var port = FreePort();
        await using var admin = new TableStoreHttpServer(store, port, operatorRequests: new OperatorActions(bus, new EnvelopeStamp("edge-t", TimeProvider.System, new RandomEnvelopeIds())).HandleAsync);
        admin.Start();
        using var client = new HttpClient { BaseAddress = new Uri(admin.Url), Timeout = TimeSpan.FromSeconds(10) };

        using var noToken = await client.PostAsync("operator/policy/release", new StringContent("""{"subscriber":"sip:alice@ims.example"}"""));
        client.DefaultRequestHeaders.Add(TableStoreHttpServer.TokenHeader, admin.Token);
        using var garbage = await client.PostAsync("operator/policy/release", new StringContent("{"));
        using var badCause = await client.PostAsync("operator/policy/release", new StringContent("""{"subscriber":"sip:alice@ims.example","abortCause":9}"""));
        using var unknown = await client.PostAsync("operator/nothing", new StringContent("{}"));

        Assert.AreEqual(401, (int)noToken.StatusCode);
        Assert.AreEqual(400, (int)garbage.StatusCode);
        Assert.AreEqual(400, (int)badCause.StatusCode);
        Assert.Contains("Abort-Cause 9", await badCause.Content.ReadAsStringAsync());
        Assert.AreEqual(404, (int)unknown.StatusCode);
        Assert.IsTrue(bus.Published.IsEmpty);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static List<string> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))];

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ImsCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private sealed class RecordingBus : IEventBus
    {
        public ConcurrentQueue<BusEnvelope> Published { get; } = new();

        public ValueTask PublishAsync(BusEnvelope envelope, CancellationToken cancellationToken)
        {
            Published.Enqueue(envelope);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ims-cli-policy", Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
