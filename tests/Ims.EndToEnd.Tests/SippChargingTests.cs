using System.Diagnostics;
using System.Globalization;
using Ims.Diameter.Peers.Tests.Support;
using Ims.EndToEnd.Tests.Support;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// Online charging in the call flow (TS 32.299 6.4.2, RFC 4006 SCUR) against a real `ims up` with
/// `Charging:Online` on and its built-in OCS: SIPp UEs register with AKA and call; balances are set
/// and read with `ims balance`; tshark judges the Ro bytes on the OCS port.
/// </summary>
[TestClass]
public sealed class SippChargingTests
{
    private const string Domain = TestSubscribers.Domain;

    private readonly DataFolders _folders = new();
    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void RemoveFolders() => _folders.RemoveAll();

    [TestMethod]
    public async Task ACallerWithNoCreditGets402()
    {
        var data = _folders.New("ims-e2e-ro402-");
        await using var ims = await UpChargingAsync(data, requestedSeconds: 30);
        var pcscf = ims.Ports["Pcscf__Port"];
        await TestSubscribers.AddAsync(data, "paula", "quinn");
        await TestSubscribers.SetBalanceAsync(data, "paula", "0");
        var paula = (await TestSubscribers.RegisterAsync(pcscf, "paula"))["paula"];

        var refused = await Sipp.RunAsync("call-refused.xml", pcscf, [$"paula;{Domain};quinn;"], 1, localPort: paula);

        Assert.AreEqual(1, refused.Successful, refused.ToString());
        Assert.IsTrue(await ims.WaitForOutputAsync($"Pcscf INVITE sip:quinn@{Domain}", TimeSpan.FromSeconds(5)));
        Assert.IsTrue(ims.Output.Any(l => l.Contains($"Pcscf INVITE sip:quinn@{Domain}", StringComparison.Ordinal) && l.Contains("-> 402", StringComparison.Ordinal)),
            string.Join(Environment.NewLine, ims.Output.TakeLast(10)));
    }

    [TestMethod]
    public async Task ACallerWithAFewSecondsIsCutOffWhenTheyRunOut_AndTheOcsIsPaidWhatWasUsed()
    {
        ExternalProcess.Require("tshark");
        var data = _folders.New("ims-e2e-rocut-");
        var pcap = Path.Combine(data, "ro.pcap");
        await using var ims = await UpChargingAsync(data, requestedSeconds: 2);
        var pcscf = ims.Ports["Pcscf__Port"];
        var ocsPort = ims.Ports["Ocs__Port"];
        await TestSubscribers.AddAsync(data, "rita", "sam");
        await TestSubscribers.SetBalanceAsync(data, "rita", "5");
        var ues = await TestSubscribers.RegisterAsync(pcscf, "rita", "sam");
        var rita = ues["rita"];
        var sam = ues["sam"];

        SippResult call;
        SippResult answered;
        TimeSpan lasted;
        using (var capture = await DiameterCapture.StartAsync(data, pcap, ocsPort))
        {
            var answering = Sipp.RunAsync("call-uas.xml", pcscf, [$"sam;{Domain};"], 1, localPort: sam);
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.CancellationToken);
            var clock = Stopwatch.StartNew();
            call = await Sipp.RunAsync("call-uac-cut.xml", pcscf, [$"rita;{Domain};sam;"], 1, localPort: rita, limit: TimeSpan.FromSeconds(40));
            lasted = clock.Elapsed;
            answered = await answering;
            await Task.Delay(500, TestContext.CancellationToken);
            await capture.StopAsync(TimeSpan.FromSeconds(10));
        }

        // Both UEs got the network's BYE and answered it; the call lasted about the 5 s rita had
        // (grants of 2 s: the last, final grant of 1 s is used to its end, RFC 4006 5.6.1).
        Assert.AreEqual(1, call.Successful, call.ToString());
        Assert.AreEqual(1, answered.Successful, answered.ToString());
        Assert.IsTrue(lasted >= TimeSpan.FromSeconds(4) && lasted <= TimeSpan.FromSeconds(7.5), $"the call lasted {lasted.TotalSeconds:F1} s, not about 5 s");

        // The OCS was paid the 5 s used and holds nothing reserved.
        var show = await ImsProcess.RunAsync("balance", "show", $"sip:rita@{Domain}", "--data", data);
        Assert.AreEqual(0, show.ExitCode, show.Error);
        StringAssert.StartsWith(show.Output.Trim(), $"sip:rita@{Domain}: 0 s (reserved 0 s)");

        await DiameterCapture.AssertDissectsCleanlyAsync(pcap, ocsPort);
        string[] decodeAs = DiameterCapture.DecodeAs(ocsPort);
        var (_, fields) = await ExternalProcess.RunAsync("tshark", TimeSpan.FromSeconds(60), ["-r", pcap, .. decodeAs, "-Y", "diameter.cmd.code == 272", "-T", "fields", "-e", "diameter.flags.request", "-e", "diameter.CC-Request-Type", "-e", "diameter.Result-Code"]);
        TestContext.WriteLine($"call lasted {lasted.TotalSeconds:F2} s; CCR/CCA (request flag, type, result):{Environment.NewLine}{fields}");
        var lines = fields.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var requests = lines.Where(l => l.StartsWith('1') || l.StartsWith("True", StringComparison.OrdinalIgnoreCase)).Select(l => l.Split('\t')[1]).ToList();
        Assert.AreEqual("1", requests.First(), fields);
        Assert.AreEqual("3", requests.Last(), fields);
        Assert.IsTrue(requests.Count(r => r == "2") >= 1, fields);
        Assert.AreEqual(requests.Count * 2, lines.Length, $"every CCR answered: {fields}");
    }

    private async Task<ImsProcess> UpChargingAsync(string data, int requestedSeconds)
    {
        Directory.CreateDirectory(data);
        var config = Path.Combine(data, "charging.json");
        await File.WriteAllTextAsync(config, $$"""{ "Charging": { "Online": true, "RequestedSeconds": {{requestedSeconds.ToString(CultureInfo.InvariantCulture)}}, "FailureHandling": "TERMINATE" } }""", TestContext.CancellationToken);
        return await ImsProcess.UpAsync(data, "--config", config);
    }
}
