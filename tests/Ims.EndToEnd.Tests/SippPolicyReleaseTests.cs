using Ims.EndToEnd.Tests.Support;
using Ims.EventLog;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// `ims policy release` ends a live call: two SIPp UEs call through a real `ims up` whose P-CSCF
/// authorises the media with the built-in PCRF (AAR); the operator releases the caller, the PCRF sends
/// ASR to the P-CSCF (TS 29.214 4.4.4), which answers ASA, sends BYE to each UE and STR for both AF
/// sessions, after which the PCRF holds no session of the call.
/// </summary>
[TestClass]
public sealed class SippPolicyReleaseTests
{
    private const string Domain = TestSubscribers.Domain;

    private readonly DataFolders _folders = new();
    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void RemoveFolders() => _folders.RemoveAll();

    [TestMethod]
    public async Task ReleasingTheCallerEndsTheLiveCallWithAByeToEachUeAndStrForBothSessions()
    {
        var data = _folders.New("ims-e2e-release-call-");
        await using var ims = await ImsProcess.UpAsync(data);
        var pcscf = ims.Ports["Pcscf__Port"];
        await TestSubscribers.AddAsync(data, "relcaller", "relcallee");

        var ues = await TestSubscribers.RegisterAsync(pcscf, "relcaller", "relcallee");
        var caller = ues["relcaller"];
        var callee = ues["relcallee"];

        var answering = Sipp.RunAsync("call-uas.xml", pcscf, [$"relcallee;{Domain};"], 1, localPort: callee, limit: TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.CancellationToken);
        var calling = Sipp.RunAsync("call-uac-released.xml", pcscf, [$"relcaller;{Domain};relcallee;"], 1, localPort: caller, limit: TimeSpan.FromSeconds(30));

        // The call is up once the PCRF authorised both AF sessions twice (offer, then offer and answer).
        var up = await WaitForDecisionsAsync(data, d => d.Function == "pcrf.rx" && d.Decision.StartsWith("AAA 2001", StringComparison.Ordinal), 4);
        Assert.IsTrue(up, string.Join(Environment.NewLine, ims.Output.TakeLast(15)));
        await Task.Delay(500, TestContext.CancellationToken);

        var release = await ImsProcess.RunAsync("policy", "release", $"sip:relcaller@{Domain}", "--data", data);
        Assert.AreEqual(0, release.ExitCode, release.Error);

        var call = await calling;
        var answered = await answering;
        Assert.AreEqual(1, call.Successful, call.ToString());
        Assert.AreEqual(1, answered.Successful, answered.ToString());
        // ASA 2001 back at the PCRF, and both AF sessions ended by STR (TS 29.214 4.4.4).
        Assert.IsTrue(await WaitForDecisionsAsync(data, d => d.Function == "pcrf.release" && d.Decision.StartsWith("ASA 2001 from pcscf." + Domain, StringComparison.Ordinal), 1), "no ASA 2001 from the P-CSCF");
        Assert.IsTrue(await WaitForDecisionsAsync(data, d => d.Function == "pcrf.rx" && d.Decision.StartsWith("STA 2001", StringComparison.Ordinal), 2), "not both AF sessions ended with STR");

        // Nothing is left to release for either party.
        foreach (var user in new[] { "relcaller", "relcallee" })
        {
            var again = await ImsProcess.RunAsync("policy", "release", $"sip:{user}@{Domain}", "--data", data);
            Assert.AreEqual(0, again.ExitCode, again.Error);
        }

        Assert.IsTrue(await WaitForDecisionsAsync(data, d => d.Function == "pcrf.release" && d.Decision.EndsWith(": no live Rx session", StringComparison.Ordinal), 2), "the PCRF still holds a session of the call");
    }

    private async Task<bool> WaitForDecisionsAsync(string data, Func<FunctionDecision, bool> match, int count)
    {
        static int Matching(IReadOnlyList<EventLogRecord> records, Func<FunctionDecision, bool> match) => records.Count(r => r.Decision is { } d && match(d));
        var records = await RecordedDecisions.UntilAsync(data, r => Matching(r, match) >= count, 150, TestContext.CancellationToken);
        return Matching(records, match) >= count;
    }
}
