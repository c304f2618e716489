using System.Collections.Concurrent;
using System.Net;
using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Peers.Tests.Support;
using Ims.Diameter.Values;
using Ims.EndToEnd.Tests.Support;
using Ims.EventLog;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// Rx at the P-CSCF end to end (TS 24.229 5.2.7, TS 29.214 4.4): SIPp UEs call through a real
/// `ims up`, whose P-CSCF asks the built-in PCRF over Diameter on loopback; tshark reads the Rx
/// traffic on the PCRF's port, and `ims policy set` makes the PCRF refuse a caller's media.
/// </summary>
[TestClass]
public sealed class SippPolicyTests
{
    private const string Domain = TestSubscribers.Domain;

    private readonly DataFolders _folders = new();
    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void RemoveFolders() => _folders.RemoveAll();

    [TestMethod]
    public async Task ACallIsAuthorisedUpdatedAndEndedOverRx_AndARefusedMediaGets488()
    {
        ExternalProcess.Require("tshark");
        var data = _folders.New("ims-e2e-rx-");
        var pcap = Path.Combine(data, "rx.pcap");
        await using var ims = await ImsProcess.UpAsync(data);
        var pcscf = ims.Ports["Pcscf__Port"];
        var pcrfPort = ims.Ports["Pcrf__Port"];
        await TestSubscribers.AddAsync(data, "rxcaller", "rxcallee", "rxrefused");

        // This caller may only use AMR-WB: the PCMU offer of the SIPp scenario is refused (TS 29.214 5.5.3).
        var set = await ImsProcess.RunAsync("policy", "set", $"sip:rxrefused@{Domain}", "--media", "audio", "--codecs", "AMR-WB", "--data", data);
        Assert.AreEqual(0, set.ExitCode, set.Error);

        var ues = await TestSubscribers.RegisterAsync(pcscf, "rxcaller", "rxcallee", "rxrefused");
        var caller = ues["rxcaller"];
        var callee = ues["rxcallee"];
        var refusedUe = ues["rxrefused"];

        using (var capture = await DiameterCapture.StartAsync(data, pcap, pcrfPort))
        {
            var answering = Sipp.RunAsync("call-uas.xml", pcscf, [$"rxcallee;{Domain};"], 1, localPort: callee, limit: TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.CancellationToken);
            var call = await Sipp.RunAsync("call-uac.xml", pcscf, [$"rxcaller;{Domain};rxcallee;"], 1, localPort: caller, limit: TimeSpan.FromSeconds(30));
            var answered = await answering;
            Assert.AreEqual(1, call.Successful, call.ToString());
            Assert.AreEqual(1, answered.Successful, answered.ToString());

            var refused = await Sipp.RunAsync("call-not-acceptable.xml", pcscf, [$"rxrefused;{Domain};rxcallee;"], 1, localPort: refusedUe, limit: TimeSpan.FromSeconds(30));
            Assert.AreEqual(1, refused.Successful, refused.ToString());

            // The STAs follow the BYE's 200 by a moment.
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.CancellationToken);
            await capture.StopAsync(TimeSpan.FromSeconds(10));
        }

        Assert.IsTrue(ims.Output.Any(l => l.Contains($"Pcscf INVITE sip:rxcallee@{Domain}", StringComparison.Ordinal) && l.Contains("-> 488", StringComparison.Ordinal)),
            string.Join(Environment.NewLine, ims.Output.TakeLast(10)));

        await DiameterCapture.AssertDissectsCleanlyAsync(pcap, pcrfPort);
        string[] decodeAs = DiameterCapture.DecodeAs(pcrfPort);
        var (_, fields) = await ExternalProcess.RunAsync("tshark", TimeSpan.FromSeconds(60),
            ["-r", pcap, .. decodeAs, "-Y", "diameter.cmd.code == 265 || diameter.cmd.code == 275", "-T", "fields", "-E", "separator=|",
             "-e", "diameter.cmd.code", "-e", "diameter.flags.request", "-e", "diameter.Rx-Request-Type", "-e", "diameter.Result-Code", "-e", "diameter.Experimental-Result-Code", "-e", "diameter.Session-Id"]);
        var rows = fields.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split('|')).ToList();
        bool IsRequest(string[] r) => r[1] is "1" or "True";

        // The call: an initial AAR and an update for each side (caller's UE, callee's UE), one STR each at the BYE.
        var aars = rows.Where(r => r[0] == "265" && IsRequest(r)).ToList();
        var strs = rows.Where(r => r[0] == "275" && IsRequest(r)).ToList();
        var callSessions = strs.Select(r => r[5]).ToHashSet();
        Assert.HasCount(2, callSessions, fields);
        Assert.IsTrue(callSessions.Any(s => s.EndsWith(";orig", StringComparison.Ordinal)) && callSessions.Any(s => s.EndsWith(";term", StringComparison.Ordinal)), fields);
        Assert.AreEqual(2, aars.Count(r => callSessions.Contains(r[5]) && r[2] == "0"), fields);
        Assert.AreEqual(2, aars.Count(r => callSessions.Contains(r[5]) && r[2] == "1"), fields);
        Assert.IsTrue(rows.Where(r => !IsRequest(r) && callSessions.Contains(r[5])).All(r => r[3] == "2001"), fields);
        Assert.AreEqual(6, rows.Count(r => !IsRequest(r) && callSessions.Contains(r[5])), fields);

        // The refused call: one AAR, answered 5063, and no STR (the PCRF kept nothing).
        var refusedAar = Assert.ContainsSingle(aars.Where(r => !callSessions.Contains(r[5])), fields);
        Assert.IsTrue(rows.Any(r => !IsRequest(r) && r[5] == refusedAar[5] && r[4] == "5063"), fields);
    }

    /// <summary>
    /// A call put on hold by a re-INVITE and taken off hold by an UPDATE, both carrying a new SDP
    /// offer, through one P-CSCF serving both UEs: each request passes it twice (from the caller's UE,
    /// then from the S-CSCF towards the callee's UE), and each answer updates the AF session of that
    /// pass's side with an AAR UPDATE_REQUEST (TS 29.214 4.4.2), which the built-in PCRF grants.
    /// </summary>
    [TestMethod]
    public async Task AReInviteAndAnUpdateWithNewOffersUpdateBothAfSessionsOfTheCall()
    {
        var data = _folders.New("ims-e2e-rx-hold-");
        await using var ims = await ImsProcess.UpAsync(data);
        var pcscf = ims.Ports["Pcscf__Port"];
        await TestSubscribers.AddAsync(data, "rxholder", "rxheld");

        var ues = await TestSubscribers.RegisterAsync(pcscf, "rxholder", "rxheld");
        var caller = ues["rxholder"];
        var callee = ues["rxheld"];

        var answering = Sipp.RunAsync("call-hold-uas.xml", pcscf, [$"rxheld;{Domain};"], 1, localPort: callee, limit: TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.CancellationToken);
        var call = await Sipp.RunAsync("call-hold-uac.xml", pcscf, [$"rxholder;{Domain};rxheld;"], 1, localPort: caller, limit: TimeSpan.FromSeconds(30));
        var answered = await answering;
        Assert.AreEqual(1, call.Successful, call.ToString());
        Assert.AreEqual(1, answered.Successful, answered.ToString());

        static bool Modified(FunctionDecision d, string method, string side, string by) =>
            d.Function == "pcscf" && d.Decision.Contains($"; AAR update ", StringComparison.Ordinal)
            && d.Decision.Contains($"({side}) with the {method}'s new offer {by}", StringComparison.Ordinal);
        static bool Ended(FunctionDecision d) => d.Function == "pcrf.rx" && d.Decision.StartsWith("STA 2001", StringComparison.Ordinal);
        var records = await RecordedDecisions.UntilAsync(data, r => r.Count(x => x.Decision is { } d && Ended(d)) >= 2, 150, TestContext.CancellationToken);
        var decisions = records.Select(r => r.Decision).OfType<FunctionDecision>().ToList();
        var log = string.Join(Environment.NewLine, decisions.Where(d => d.Function is "pcscf" or "pcrf.rx").Select(d => $"{d.Function}: {d.Decision}"));
        TestContext.WriteLine(log);

        // The caller offered both times: its own side hears it from its UE, the callee's side from the network.
        foreach (var method in new[] { "INVITE", "UPDATE" })
        {
            Assert.ContainsSingle(decisions.Where(d => Modified(d, method, "orig", "from the UE")), log);
            Assert.ContainsSingle(decisions.Where(d => Modified(d, method, "term", "from the network")), log);
        }

        // Every update was granted (two with the first answer, four modifications), and the BYE ended both sessions.
        Assert.AreEqual(6, decisions.Count(d => d.Function == "pcscf" && d.Decision.StartsWith("AAA 2001: update of ", StringComparison.Ordinal)), log);
        Assert.AreEqual(2, decisions.Count(Ended), log);
        Assert.IsFalse(decisions.Any(d => d.Function == "pcscf" && d.Decision.Contains("call released", StringComparison.Ordinal)), log);
    }

    /// <summary>
    /// The caller cancels while its INVITE waits at the P-CSCF for a slow PCRF (a Diameter node of
    /// the test that answers the initial AAR after 1.5 s): the edge answers the CANCEL 200 and the
    /// INVITE 487 at once; when the AAA then grants the media, the INVITE does not go on (no AAR for
    /// the callee's side ever reaches the PCRF) and the P-CSCF ends the AF session with STR.
    /// </summary>
    [TestMethod]
    public async Task ACancelWhileTheInviteWaitsForTheAaaEndsTheAfSessionAndTheInviteGoesNoFurther()
    {
        var data = _folders.New("ims-e2e-rx-cancel-");
        Directory.CreateDirectory(data);
        var pcrfPort = ImsProcess.FreePort();
        var pcrfIdentity = "pcrf-slow." + Domain;
        var seen = new ConcurrentQueue<DiameterMessage>();
        // The initial AAR is answered slowly, but within the P-CSCF's Diameter timeout (3 s): the UE cancels meanwhile.
        await using var pcrf = await StartTestPcrfAsync(pcrfIdentity, pcrfPort, seen, r => r.CommandCode == 265 && r.GetUnsigned32(Avps.RxRequestType) == 0 ? TimeSpan.FromSeconds(1.5) : TimeSpan.Zero);
        await using var ims = await UpWithTestPcrfAsync(data, pcrf, pcrfIdentity, pcrfPort);
        var pcscf = ims.Ports["Pcscf__Port"];
        await TestSubscribers.AddAsync(data, "cxlcaller", "cxlcallee");

        var ues = await TestSubscribers.RegisterAsync(pcscf, "cxlcaller", "cxlcallee");
        var caller = ues["cxlcaller"];
        var callee = ues["cxlcallee"];

        var call = await Sipp.RunAsync("call-cancelled.xml", pcscf, [$"cxlcaller;{Domain};cxlcallee;"], 1, localPort: caller, limit: TimeSpan.FromSeconds(30));
        Assert.AreEqual(1, call.Successful, call.ToString());

        for (var attempt = 0; attempt < 50 && !seen.Any(m => m.CommandCode == 275); attempt++)
        {
            await Task.Delay(100, TestContext.CancellationToken);
        }

        // Long enough for an INVITE that went on to have reached the callee's P-CSCF side.
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.CancellationToken);
        var aar = Assert.ContainsSingle(seen.Where(m => m.CommandCode == 265), "one AAR only: the callee's side was never set up");
        StringAssert.EndsWith(aar.SessionId, ";orig");
        var str = Assert.ContainsSingle(seen.Where(m => m.CommandCode == 275), string.Join(Environment.NewLine, ims.Output.TakeLast(15)));
        Assert.AreEqual(aar.SessionId, str.SessionId, "the AF session the AAR opened is ended");
        var records = await RecordedDecisions.UntilAsync(data, r => r.Any(x => x.Decision is { Function: "pcscf" } d && d.Decision.Contains("setup failed, STR", StringComparison.Ordinal)), 50, TestContext.CancellationToken);
        Assert.IsTrue(records.Any(x => x.Decision is { Function: "pcscf" } d && d.Decision.StartsWith("487", StringComparison.Ordinal) && d.Decision.Contains("setup failed, STR", StringComparison.Ordinal)),
            string.Join(Environment.NewLine, records.Select(r => r.Decision).OfType<FunctionDecision>().Where(d => d.Function == "pcscf").Select(d => d.Decision)));
    }

    /// <summary>
    /// A third-party PCRF (a Diameter node of the test, on loopback) authorises a call, then aborts
    /// its originating AF session with an ASR: the P-CSCF answers ASA 2001, releases the call with a
    /// BYE to each UE, and ends both AF sessions with STR.
    /// </summary>
    [TestMethod]
    public async Task AnAsrFromThePcrfEndsALiveCallWithAByeToEachUe()
    {
        var data = _folders.New("ims-e2e-asr-");
        Directory.CreateDirectory(data);
        var pcrfPort = ImsProcess.FreePort();
        var pcrfIdentity = "pcrf-test." + Domain;
        var seen = new ConcurrentQueue<DiameterMessage>();
        // Every AAR and STR is granted: this PCRF only wants to abort a session later.
        await using var pcrf = await StartTestPcrfAsync(pcrfIdentity, pcrfPort, seen);
        await using var ims = await UpWithTestPcrfAsync(data, pcrf, pcrfIdentity, pcrfPort);
        var pcscf = ims.Ports["Pcscf__Port"];
        await TestSubscribers.AddAsync(data, "asrcaller", "asrcallee");

        var ues = await TestSubscribers.RegisterAsync(pcscf, "asrcaller", "asrcallee");
        var caller = ues["asrcaller"];
        var callee = ues["asrcallee"];

        var answering = Sipp.RunAsync("call-uas.xml", pcscf, [$"asrcallee;{Domain};"], 1, localPort: callee, limit: TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.CancellationToken);
        var calling = Sipp.RunAsync("call-uac-released.xml", pcscf, [$"asrcaller;{Domain};asrcallee;"], 1, localPort: caller, limit: TimeSpan.FromSeconds(30));

        // The call is up once both AF sessions were updated with the answer (Rx-Request-Type UPDATE_REQUEST).
        string? originating = null;
        for (var attempt = 0; attempt < 100 && originating is null; attempt++)
        {
            await Task.Delay(100, TestContext.CancellationToken);
            var updates = seen.Where(m => m.CommandCode == 265 && m.GetUnsigned32(Avps.RxRequestType) == 1).Select(m => m.SessionId!).ToList();
            originating = updates.Count == 2 ? updates.Single(u => u.EndsWith(";orig", StringComparison.Ordinal)) : null;
        }

        Assert.IsNotNull(originating, string.Join(Environment.NewLine, ims.Output.TakeLast(15)));
        await Task.Delay(500, TestContext.CancellationToken);
        var asr = DiameterMessageBuilder.Request(DiameterCommands.AbortSessionRx, 0, 0)
            .Add(Avps.SessionId, originating)
            .Add(Avps.OriginHost, pcrfIdentity)
            .Add(Avps.OriginRealm, Domain)
            .Add(Avps.DestinationRealm, Domain)
            .Add(Avps.DestinationHost, "pcscf." + Domain)
            .Add(Avps.AuthApplicationId, DiameterApplicationId.Rx.Value)
            .Add(Avps.AbortCause, 0u)
            .Build();
        var asa = await pcrf.SendRequestAsync(asr, cancellationToken: TestContext.CancellationToken);
        Assert.IsTrue(asa.IsAnswered, asa.Detail);
        Assert.AreEqual(DiameterResultCode.Success.Value, asa.Answer!.GetUnsigned32(Avps.ResultCode));
        Assert.AreEqual(originating, asa.Answer.SessionId);

        var call = await calling;
        var answered = await answering;
        Assert.AreEqual(1, call.Successful, call.ToString());
        Assert.AreEqual(1, answered.Successful, answered.ToString());
        var sessions = seen.Where(m => m.CommandCode == 265).Select(m => m.SessionId!).Distinct().ToList();
        for (var attempt = 0; attempt < 50 && seen.Count(m => m.CommandCode == 275) < 2; attempt++)
        {
            await Task.Delay(100, TestContext.CancellationToken);
        }

        CollectionAssert.AreEquivalent(sessions, seen.Where(m => m.CommandCode == 275).Select(m => m.SessionId!).ToList(), "one STR for each AF session of the call");
    }

    /// <summary>
    /// A PCRF of the test's own, a Diameter node on loopback: it keeps every request it gets in
    /// <paramref name="seen"/> and grants it with 2001, after the <paramref name="delay"/> it gives that request.
    /// </summary>
    private static async Task<DiameterNode> StartTestPcrfAsync(string identity, int port, ConcurrentQueue<DiameterMessage> seen, Func<DiameterMessage, TimeSpan>? delay = null)
    {
        var pcrf = new DiameterNode(
            new DiameterNodeOptions
            {
                OriginHost = identity,
                OriginRealm = Domain,
                VendorSpecificApplicationIds = [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Rx.Value)],
                ListenOn = new IPEndPoint(IPAddress.Loopback, port),
                RequestTimeout = TimeSpan.FromSeconds(10),
            },
            async (request, _, cancellationToken) =>
            {
                seen.Enqueue(request);
                if (delay?.Invoke(request) is { } wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                return DiameterMessageBuilder.Answer(request).AddResultCode(DiameterResultCode.Success)
                    .Add(Avps.AuthApplicationId, DiameterApplicationId.Rx.Value).Add(Avps.OriginHost, identity).Add(Avps.OriginRealm, Domain).Build();
            });
        await pcrf.StartAsync();
        return pcrf;
    }

    /// <summary>`ims up` with the test's PCRF as its third-party PCRF, once its P-CSCF has connected to it.</summary>
    private async Task<ImsProcess> UpWithTestPcrfAsync(string data, DiameterNode pcrf, string identity, int port)
    {
        var config = Path.Combine(data, "ims-test-pcrf.json");
        await File.WriteAllTextAsync(config, $$"""{ "Pcrf": { "PeerHost": "127.0.0.1", "PeerPort": {{port}}, "PeerIdentity": "{{identity}}" } }""", TestContext.CancellationToken);
        var ims = await ImsProcess.UpAsync(data, "--config", config);
        if (!await pcrf.WaitForPeerAsync("pcscf." + Domain, TimeSpan.FromSeconds(15)))
        {
            await ims.DisposeAsync();
            Assert.Fail("the P-CSCF did not connect to the PCRF");
        }

        return ims;
    }
}
