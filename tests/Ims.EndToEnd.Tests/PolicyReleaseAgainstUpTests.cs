using System.Collections.Concurrent;
using System.Net;
using Ims.Cscf.Policy;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Peers.Tests.Support;
using Ims.Diameter.Values;
using Ims.EndToEnd.Tests.Support;
using Ims.EventLog;
using Ims.Events;
using Ims.Sip.Sdp;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// `ims policy release` against a running `ims up`: a Diameter client node plays the P-CSCF (the AF),
/// opens Rx sessions with AAR on the built-in PCRF, and must receive the PCRF's ASR (or RAR with
/// --bearer-lost) for them over its own connection; it answers, sends STR, and the PCRF forgets the
/// session. tshark decodes the PCRF port's traffic; the event log holds the operator's event.
/// </summary>
[TestClass]
public sealed class PolicyReleaseAgainstUpTests
{
    private const string Domain = "ims.mnc001.mcc001.3gppnetwork.org";
    private const string Alice = "sip:alice@" + Domain;
    private const string Bob = "sip:bob@" + Domain;
    private const string Af = "pcscf-test." + Domain;
    private const string Pcrf = "pcrf." + Domain;
    private const string Offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 96\r\nb=AS:64\r\na=rtpmap:96 AMR-WB/16000\r\n";
    private const string Answer = "v=0\r\no=- 2 2 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 50000 RTP/AVP 96\r\nb=AS:64\r\na=rtpmap:96 AMR-WB/16000\r\n";

    private readonly DataFolders _folders = new();
    private readonly ConcurrentQueue<DiameterMessage> _received = new();
    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void RemoveFolders() => _folders.RemoveAll();

    [TestMethod]
    public async Task ReleaseSendsAsrToTheAfThatOpenedTheSessionAndItsStrEndsIt()
    {
        ExternalProcess.Require("tshark");
        var data = _folders.New("ims-e2e-release-");
        var pcap = Path.Combine(data, "release.pcap");
        await using var ims = await ImsProcess.UpAsync(data);
        var pcrfPort = ims.Ports["Pcrf__Port"];
        using (var capture = await DiameterCapture.StartAsync(data, pcap, pcrfPort))
        {
            await using (var af = await ConnectAsync(pcrfPort))
            {
                Assert.AreEqual(DiameterResultCode.Success.Value, (await AskAsync(af, RxRequests.Aar(Session("rel-1", Alice)))).GetUnsigned32(Avps.ResultCode));
                Assert.AreEqual(DiameterResultCode.Success.Value, (await AskAsync(af, RxRequests.Aar(Session("rel-2", Bob)))).GetUnsigned32(Avps.ResultCode));

                // ASR with the operator's Abort-Cause, for alice's session only (TS 29.214 4.4.4, 5.6.7).
                var run = await ImsProcess.RunAsync("policy", "release", Alice, "--cause", "insufficient-bearer-resources", "--data", data);
                Assert.AreEqual(0, run.ExitCode, run.Error);
                StringAssert.Contains(run.Output, "ASR INSUFFICIENT_BEARER_RESOURCES");
                var asr = await NextRequestAsync(274);
                Assert.AreEqual("rel-1", asr.SessionId);
                Assert.AreEqual(Pcrf, asr.OriginHost);
                Assert.AreEqual(Domain, asr.OriginRealm);
                Assert.AreEqual(Af, asr.GetString(Avps.DestinationHost));
                Assert.AreEqual(Domain, asr.GetString(Avps.DestinationRealm));
                Assert.AreEqual(DiameterApplicationId.Rx.Value, asr.GetUnsigned32(Avps.AuthApplicationId));
                Assert.AreEqual(DiameterApplicationId.Rx.Value, asr.ApplicationId);
                Assert.AreEqual(2u, asr.GetUnsigned32(Avps.AbortCause));

                // The AF ends the session (4.4.4): STR, then the PCRF no longer holds it.
                Assert.AreEqual(DiameterResultCode.Success.Value, (await AskAsync(af, RxRequests.Str("rel-1", Af, Domain, Domain))).GetUnsigned32(Avps.ResultCode));
                Assert.AreEqual(DiameterResultCode.UnknownSessionId.Value, (await AskAsync(af, RxRequests.Str("rel-1", Af, Domain, Domain))).GetUnsigned32(Avps.ResultCode));

                // --bearer-lost: RAR with INDICATION_OF_LOSS_OF_BEARER for bob's session (4.4.6.1).
                run = await ImsProcess.RunAsync("policy", "release", Bob, "--bearer-lost", "--data", data);
                Assert.AreEqual(0, run.ExitCode, run.Error);
                var rar = await NextRequestAsync(258);
                Assert.AreEqual("rel-2", rar.SessionId);
                Assert.AreEqual(Af, rar.GetString(Avps.DestinationHost));
                Assert.AreEqual(2u, rar.GetUnsigned32(Avps.SpecificAction));
                Assert.AreEqual(DiameterResultCode.Success.Value, (await AskAsync(af, RxRequests.Str("rel-2", Af, Domain, Domain))).GetUnsigned32(Avps.ResultCode));

                // Nothing live is left for alice: a second release sends nothing.
                run = await ImsProcess.RunAsync("policy", "release", Alice, "--data", data);
                Assert.AreEqual(0, run.ExitCode, run.Error);
                await Task.Delay(500, TestContext.CancellationToken);
                Assert.IsTrue(_received.IsEmpty, $"unexpected request {_received.FirstOrDefault()?.CommandCode}");
            }

            await Task.Delay(500, TestContext.CancellationToken);
            await capture.StopAsync(TimeSpan.FromSeconds(10));
        }

        // The PCRF's ASA/RAA decisions and the operator's events are in the event log, like any other.
        var records = await WaitForLogAsync(data, r => r.Decision?.Decision.StartsWith("RAA 2001", StringComparison.Ordinal) == true);
        Assert.AreEqual(3, records.Count(r => r.Envelope?.Message is PolicyReleaseRequested), "three operator releases in the log");
        Assert.IsTrue(records.Any(r => r.Envelope?.Message is PolicyReleaseRequested { Subscriber: Alice, Release: PolicyRelease.AbortSession, AbortCause: 2 }));
        Assert.IsTrue(records.Any(r => r.Decision?.Decision.StartsWith("ASA 2001 from " + Af + " for rel-1", StringComparison.Ordinal) == true));
        Assert.IsTrue(records.Any(r => r.Decision?.Decision == $"release of {Alice}: no live Rx session"));

        await DiameterCapture.AssertDissectsCleanlyAsync(pcap, pcrfPort);
        string[] decodeAs = DiameterCapture.DecodeAs(pcrfPort);
        var (_, fields) = await ExternalProcess.RunAsync("tshark", TimeSpan.FromSeconds(60), ["-r", pcap, .. decodeAs, "-Y", "diameter", "-T", "fields", "-e", "diameter.cmd.code", "-e", "diameter.flags.request", "-e", "diameter.Abort-Cause"]);
        var lines = fields.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // ASR and ASA, RAR and RAA: one each way.
        Assert.AreEqual(2, lines.Count(l => l.StartsWith("274", StringComparison.Ordinal)), fields);
        Assert.AreEqual(2, lines.Count(l => l.StartsWith("258", StringComparison.Ordinal)), fields);
    }

    [TestMethod]
    public async Task ReleaseWithoutARunningCoreFailsWithOneLine()
    {
        var data = _folders.New("ims-e2e-release-down-");
        var run = await ImsProcess.RunAsync("policy", "release", Alice, "--data", data);

        Assert.AreEqual(1, run.ExitCode);
        StringAssert.StartsWith(run.Error, "ims: no running ims up holds");
        Assert.AreEqual(1, run.Error.Trim().Split('\n').Length, run.Error);
    }

    private async Task<IReadOnlyList<EventLogRecord>> WaitForLogAsync(string data, Func<EventLogRecord, bool> last) =>
        await RecordedDecisions.UntilAsync(data, records => records.Any(last), 50, TestContext.CancellationToken);

    private async Task<DiameterMessage> NextRequestAsync(uint commandCode)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_received.TryDequeue(out var request))
            {
                Assert.AreEqual(commandCode, request.CommandCode);
                return request;
            }

            await Task.Delay(50, TestContext.CancellationToken);
        }

        throw new AssertFailedException($"no request {commandCode} from the PCRF within 5 s");
    }

    private static RxSessionRequest Session(string session, string subscriber) => new()
    {
        SessionId = session,
        OriginHost = Af,
        OriginRealm = Domain,
        DestinationRealm = Domain,
        Subscriber = subscriber,
        Icid = "icid-" + session,
        Offer = SdpSession.Parse(Offer, out var offerError) ?? throw new AssertFailedException(offerError ?? "no offer"),
        Answer = SdpSession.Parse(Answer, out var answerError) ?? throw new AssertFailedException(answerError ?? "no answer"),
    };

    private Task<DiameterMessage> AskAsync(DiameterNode node, DiameterMessage request) => DiameterTestClient.AskAsync(node, request, TestContext.CancellationToken);

    /// <summary>The AF: it takes the PCRF's ASR and RAR and acknowledges them as the P-CSCF does (TS 29.214 5.6.8, 5.6.4).</summary>
    private Task<DiameterNode> ConnectAsync(int port) =>
        DiameterTestClient.ConnectAsync(Af, Domain, Pcrf, port, [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Rx.Value)], [], (request, _, _) =>
        {
            _received.Enqueue(request);
            return ValueTask.FromResult(request.CommandCode == 274 ? RxRequests.Asa(request, Af, Domain) : RxRequests.Raa(request, Af, Domain));
        });
}
