using System.Net;
using Ims.Cscf.Charging;
using Ims.Cscf.Policy;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Peers.Tests.Support;
using Ims.Diameter.Values;
using Ims.EndToEnd.Tests.Support;
using Ims.Sip.Sdp;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// The OCS and PCRF of a running `ims up`, asked over loopback by Diameter client nodes playing the
/// S-CSCF (Ro) and the P-CSCF (Rx) with the requests the CSCF builders make; balances and policies
/// are set with the `ims` command line while it runs, and tshark judges the bytes on the wire.
/// </summary>
[TestClass]
public sealed class PolicyChargingAgainstUpTests
{
    private const string Domain = "ims.mnc001.mcc001.3gppnetwork.org";
    private const string Alice = "sip:alice@" + Domain;
    private const string Carol = "sip:carol@" + Domain;
    private const string Offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 96 0\r\nb=AS:64\r\na=rtpmap:96 AMR-WB/16000\r\n";
    private const string Answer = "v=0\r\no=- 2 2 IN IP4 10.0.0.2\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\nm=audio 50000 RTP/AVP 96\r\nb=AS:64\r\na=rtpmap:96 AMR-WB/16000\r\n";
    private const string VideoOffer = Offer + "m=video 49180 RTP/AVP 99\r\nb=AS:512\r\na=rtpmap:99 H264/90000\r\n";

    private readonly DataFolders _folders = new();
    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void RemoveFolders() => _folders.RemoveAll();

    [TestMethod]
    public async Task CreditControlAndRxSessionsAreAnsweredByTheBuiltInServersAndDissectCleanly()
    {
        ExternalProcess.Require("tshark");
        var data = _folders.New("ims-e2e-pcc-");
        var pcap = Path.Combine(data, "pcc.pcap");
        await using var ims = await ImsProcess.UpAsync(data);
        var ocsPort = ims.Ports["Ocs__Port"];
        var pcrfPort = ims.Ports["Pcrf__Port"];
        await RunOk("balance", "set", Alice, "100", "--data", data);
        await RunOk("balance", "set", Carol, "0", "--data", data);
        await RunOk("policy", "set", "--default", "--media", "audio", "--codecs", "AMR-WB,AMR,PCMU", "--max-bandwidth", "128", "--data", data);

        using (var capture = await DiameterCapture.StartAsync(data, pcap, ocsPort, pcrfPort))
        {
            await using (var scscf = await ConnectAsync("scscf-test." + Domain, "ocs." + Domain, ocsPort, [], [DiameterApplicationId.CreditControl.Value]))
            {
                // RFC 4006 SCUR: INITIAL grants, TERMINATION reports 17 s used and returns the rest.
                var cca = await AskAsync(scscf, RoRequests.Initial(Charging("ro-1", 0, Alice, requested: 30)));
                Assert.AreEqual(DiameterResultCode.Success.Value, cca.GetUnsigned32(Avps.ResultCode));
                Assert.AreEqual(30u, RoCreditAnswer.Read(cca)!.GrantedSeconds);
                var ccaT = await AskAsync(scscf, RoRequests.Termination(Charging("ro-1", 1, Alice, used: 17)));
                Assert.AreEqual(DiameterResultCode.Success.Value, ccaT.GetUnsigned32(Avps.ResultCode));

                // A caller with nothing left (RFC 4006 9.1), an unknown caller, an unknown session.
                var broke = await AskAsync(scscf, RoRequests.Initial(Charging("ro-2", 0, Carol, requested: 30)));
                Assert.AreEqual(DiameterResultCode.CreditLimitReached.Value, broke.GetUnsigned32(Avps.ResultCode));
                var stranger = await AskAsync(scscf, RoRequests.Initial(Charging("ro-3", 0, "sip:mallory@" + Domain, requested: 30)));
                Assert.AreEqual(DiameterResultCode.UserUnknown.Value, stranger.GetUnsigned32(Avps.ResultCode));
                var lost = await AskAsync(scscf, RoRequests.Update(Charging("ro-never", 1, Alice, used: 5)));
                Assert.AreEqual(DiameterResultCode.UnknownSessionId.Value, lost.GetUnsigned32(Avps.ResultCode));
            }

            await using (var pcscf = await ConnectAsync("pcscf-test." + Domain, "pcrf." + Domain, pcrfPort, [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Rx.Value)], []))
            {
                // TS 29.214 4.4.1: audio with an allowed codec is authorised; the STR ends the session.
                var aaa = await AskAsync(pcscf, RxRequests.Aar(Session("rx-1", Offer, Answer)));
                Assert.AreEqual(DiameterResultCode.Success.Value, aaa.GetUnsigned32(Avps.ResultCode));
                var sta = await AskAsync(pcscf, RxRequests.Str("rx-1", "pcscf-test." + Domain, Domain, Domain));
                Assert.AreEqual(DiameterResultCode.Success.Value, sta.GetUnsigned32(Avps.ResultCode));
                var again = await AskAsync(pcscf, RxRequests.Str("rx-1", "pcscf-test." + Domain, Domain, Domain));
                Assert.AreEqual(DiameterResultCode.UnknownSessionId.Value, again.GetUnsigned32(Avps.ResultCode));

                // Video is not in the default policy: REQUESTED_SERVICE_NOT_AUTHORIZED (TS 29.214 5.5.3).
                var refused = await AskAsync(pcscf, RxRequests.Aar(Session("rx-2", VideoOffer, null)));
                var experimental = refused.Find(Avps.ExperimentalResult)?.Find(Avps.ExperimentalResultCode.Code);
                Assert.IsNotNull(experimental);
                Assert.IsTrue(experimental.TryGetUnsigned32(out var code));
                Assert.AreEqual(DiameterExperimentalResultCode.RequestedServiceNotAuthorized.Value, code);
            }

            await Task.Delay(500, TestContext.CancellationToken);
            await capture.StopAsync(TimeSpan.FromSeconds(10));
        }

        // The balance read back is the start less what was used.
        var show = await ImsProcess.RunAsync("balance", "show", Alice, "--data", data);
        Assert.AreEqual(0, show.ExitCode, show.Error);
        StringAssert.StartsWith(show.Output.Trim(), $"{Alice}: 83 s (reserved 0 s)");

        await DiameterCapture.AssertDissectsCleanlyAsync(pcap, ocsPort, pcrfPort);
        string[] decodeAs = DiameterCapture.DecodeAs(ocsPort, pcrfPort);
        var (_, fields) = await ExternalProcess.RunAsync("tshark", TimeSpan.FromSeconds(60), ["-r", pcap, .. decodeAs, "-Y", "diameter", "-T", "fields", "-e", "diameter.cmd.code", "-e", "diameter.flags.request", "-e", "diameter.Result-Code"]);
        var lines = fields.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // CCR/CCA x5, AAR/AAA x2, STR/STA x2: eighteen application messages besides CER/CEA/DWR/DPR.
        Assert.AreEqual(10, lines.Count(l => l.StartsWith("272", StringComparison.Ordinal)), fields);
        Assert.AreEqual(4, lines.Count(l => l.StartsWith("265", StringComparison.Ordinal)), fields);
        Assert.AreEqual(4, lines.Count(l => l.StartsWith("275", StringComparison.Ordinal)), fields);
        Assert.IsTrue(lines.Any(l => l.StartsWith("272", StringComparison.Ordinal) && l.EndsWith("4012", StringComparison.Ordinal)), fields);
    }

    private static async Task RunOk(params string[] args)
    {
        var run = await ImsProcess.RunAsync(args);
        Assert.AreEqual(0, run.ExitCode, $"ims {string.Join(' ', args)}: {run.Error}");
    }

    private static RoChargingRequest Charging(string session, uint number, string subscriber, uint? requested = null, uint? used = null) => new()
    {
        SessionId = "scscf-test." + Domain + ";" + session,
        OriginHost = "scscf-test." + Domain,
        OriginRealm = Domain,
        DestinationRealm = Domain,
        RequestNumber = number,
        Subscriber = subscriber,
        CallingPartyAddress = subscriber,
        CalledPartyAddress = "sip:bob@" + Domain,
        Icid = "icid-" + session,
        OriginatingIoi = Domain,
        UserSessionId = session + "@10.0.0.1",
        RequestedSeconds = requested,
        UsedSeconds = used,
        Timestamp = DateTimeOffset.UtcNow,
    };

    private static RxSessionRequest Session(string session, string offer, string? answer) => new()
    {
        SessionId = session,
        OriginHost = "pcscf-test." + Domain,
        OriginRealm = Domain,
        DestinationRealm = Domain,
        Subscriber = Alice,
        Icid = "icid-" + session,
        Offer = SdpSession.Parse(offer, out var offerError) ?? throw new AssertFailedException(offerError ?? "no offer"),
        Answer = answer is null ? null : SdpSession.Parse(answer, out var answerError) ?? throw new AssertFailedException(answerError ?? "no answer"),
    };

    private Task<DiameterMessage> AskAsync(DiameterNode node, DiameterMessage request) => DiameterTestClient.AskAsync(node, request, TestContext.CancellationToken);

    private static Task<DiameterNode> ConnectAsync(string identity, string server, int port, (uint, uint)[] vendorApps, uint[] authApps) =>
        DiameterTestClient.ConnectAsync(identity, Domain, server, port, vendorApps, authApps);
}
