using System.Globalization;
using System.Text;
using Ims.EndToEnd.Tests.Support;
using Ims.EventLog;
using Ims.EventLog.Store;
using Ims.Events;
using Ims.Sip;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// Event replay end to end: SIPp registers two UEs and places a call through a real `ims up`, which
/// is then stopped by pid; `ims replay` re-runs today's handlers on the recorded log and must find
/// the same commands. A copy of the log with the caller's iFC changed in the recorded reads must
/// make replay name the S-CSCF step and fail; a damaged copy must name the byte offset and still
/// replay its intact part.
/// </summary>
[TestClass]
public sealed class ReplayTests
{
    private const string Domain = "ims.mnc001.mcc001.3gppnetwork.org";
    private const string KText = "kkkkkkkkkkkkkk01";
    private const string OpText = "oooooooooooooooo";
    private const string AmfText = "00";
    private const string ReplayAs = "sip:as.replay.test:5070";
    private static readonly DataFolders Folders = new();
    private static string _data = null!;
    private static string _log = null!;
    private static string _callId = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task RecordAsync(TestContext context)
    {
        _data = Folders.New("ims-e2e-replay-");
        await using (var ims = await ImsProcess.UpAsync(_data))
        {
            var pcscf = ims.Ports["Pcscf__Port"];
            foreach (var user in new[] { "alice", "bob" })
            {
                var add = await ImsProcess.RunAsync("subscriber", "add", "--data", _data, "--impi", $"{user}@{Domain}", "--impu", $"sip:{user}@{Domain}",
                    "--k", Sipp.Hex(KText), "--op", Sipp.Hex(OpText), "--amf", Sipp.Hex(AmfText));
                Assert.AreEqual(0, add.ExitCode, add.Error);
            }

            var alice = ImsProcess.FreePort();
            var bob = ImsProcess.FreePort();
            var (aliceRegistered, _) = await Sipp.RegisterAkaAsync(pcscf, [Line("alice")], alice);
            var (bobRegistered, _) = await Sipp.RegisterAkaAsync(pcscf, [Line("bob")], bob);
            Assert.AreEqual(1, aliceRegistered.Successful, aliceRegistered.ToString());
            Assert.AreEqual(1, bobRegistered.Successful, bobRegistered.ToString());
            var answering = Sipp.RunAsync("call-uas.xml", pcscf, [$"bob;{Domain};"], 1, localPort: bob);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var call = await Sipp.RunAsync("call-uac.xml", pcscf, [$"alice;{Domain};bob;"], 1, localPort: alice);
            Assert.AreEqual(1, call.Successful, call.ToString());
            Assert.AreEqual(1, (await answering).Successful);
            Assert.IsTrue(await ims.WaitForOutputAsync("Pcscf BYE", TimeSpan.FromSeconds(5)), "the BYE was not answered");
            // Stopped by pid (SIGTERM): the log is flushed on the orderly stop.
            Assert.AreEqual(0, await ims.StopAsync());
        }

        // One file holding the whole recording (a run crossing midnight has two day files).
        _log = Path.Combine(Folders.New("ims-e2e-replay-copy-"), "recorded.log");
        Directory.CreateDirectory(Path.GetDirectoryName(_log)!);
        await File.WriteAllBytesAsync(_log, [.. EventLogFiles.InOrder(Path.Combine(_data, "events")).SelectMany(File.ReadAllBytes)]);
        _callId = EventLogReader.Read(_log)
            .Select(i => i.Record?.Envelope?.Message)
            .OfType<SipRequestReceived>()
            .Select(m => SipMessage.Parse(m.Message).Message)
            .First(m => m is { IsRequest: true, Method: "INVITE" })!.CallId!;
    }

    [ClassCleanup]
    public static void Remove() => Folders.RemoveAll();

    [TestMethod]
    public async Task TheRecordedCallReplaysToTheSameCommands()
    {
        var ladder = Path.Combine(Path.GetDirectoryName(_log)!, "call.html");
        var replay = await ImsProcess.RunAsync("replay", "--log", _log, "--call-id", _callId, "--ladder", ladder);
        Assert.AreEqual(0, replay.ExitCode, replay.Output + replay.Error);
        StringAssert.Contains(replay.Output, " 0 differ");
        StringAssert.Contains(replay.Output, "step 1 pcscf on sip.request.received INVITE sip:bob@" + Domain);
        // Every role took part, and each of their steps re-derives exactly (a call needs no keys).
        foreach (var role in new[] { "pcscf", "icscf", "scscf", "hss.cx" })
        {
            StringAssert.Matches(replay.Output, new System.Text.RegularExpressions.Regex($@"step \d+ {System.Text.RegularExpressions.Regex.Escape(role)} on .*\[same\]"), role);
        }

        Assert.IsGreaterThanOrEqualTo(10, Count(replay.Output, "[same]"), replay.Output);
        Assert.AreEqual(0, Count(replay.Output, "[not re-derivable]"), replay.Output);
        // The ladder: in the terminal and as a self-contained HTML file with each arrow linked.
        StringAssert.Contains(replay.Output, "P-CSCF");
        StringAssert.Contains(replay.Output, "LIR");
        var html = await File.ReadAllTextAsync(ladder, TestContext.CancellationToken);
        StringAssert.Contains(html, "<svg");
        StringAssert.Contains(html, "href=\"#m1\"");
        StringAssert.Contains(html, "id=\"m1\"");
        Assert.DoesNotContain("src=\"http", html);
    }

    [TestMethod]
    public async Task TheRecordedRegistrationReplaysWithKeyBoundStepsNamedAsSuch()
    {
        var replay = await ImsProcess.RunAsync("replay", "--log", _log, "--impi", $"alice@{Domain}");
        Assert.AreEqual(0, replay.ExitCode, replay.Output + replay.Error);
        StringAssert.Contains(replay.Output, " 0 differ");
        StringAssert.Contains(replay.Output, "step 1 pcscf on sip.request.received REGISTER");
        StringAssert.Contains(replay.Output, "UAR");
        StringAssert.Contains(replay.Output, "SAR");
        Assert.IsGreaterThanOrEqualTo(8, Count(replay.Output, "[same]"), replay.Output);
        // Bob's registration is another flow.
        Assert.DoesNotContain("bob@" + Domain + " registered", replay.Output);
        // Redaction: neither the log nor the output holds the keys or the expected responses.
        var k = Convert.ToBase64String(Encoding.ASCII.GetBytes(KText));
        Assert.DoesNotContain(k, await File.ReadAllTextAsync(_log, TestContext.CancellationToken));
        Assert.DoesNotContain(Sipp.Hex(KText), replay.Output);
    }

    [TestMethod]
    public async Task AChangedIfcInTheRecordedReadsIsNamedAtItsStep()
    {
        var edited = Path.Combine(Path.GetDirectoryName(_log)!, "edited.log");
        var changed = 0;
        var lines = new List<byte[]>();
        foreach (var item in EventLogReader.Read(_log))
        {
            var record = item.Record!;
            if (record.Decision is { Function: "scscf", Store: { } calls } decision && calls.Any(c => Rows(c).Any(IsAliceProfile)))
            {
                record = record with { Decision = decision with { Store = [.. calls.Select(WithIfc)] } };
                changed++;
            }

            // Re-encoded with a valid checksum: replay must see the edit, not a damaged line.
            lines.Add(EventLogLine.Encode(record));
        }

        Assert.IsGreaterThan(0, changed, "no S-CSCF step read alice's profile");
        await File.WriteAllBytesAsync(edited, [.. lines.SelectMany(l => l)], TestContext.CancellationToken);
        var replay = await ImsProcess.RunAsync("replay", "--log", edited, "--call-id", _callId);
        Assert.AreEqual(1, replay.ExitCode, replay.Output + replay.Error);
        StringAssert.Matches(replay.Output, new System.Text.RegularExpressions.Regex(@"step \d+ scscf on sip\.request\.received: command 1: recorded sip\.request\.forward INVITE .*, today sip\.request\.forward INVITE .*as\.replay\.test"));
        StringAssert.Contains(replay.Error, "differs from the recording at step");

        // The same two logs as a regression folder: the intact one passes, the edited one is named.
        var folder = Folders.New("ims-e2e-replay-check-");
        Directory.CreateDirectory(folder);
        File.Copy(_log, Path.Combine(folder, "call-ok.log"));
        var ok = await ImsProcess.RunAsync("replay", "--check", folder, "--call-id", _callId);
        Assert.AreEqual(0, ok.ExitCode, ok.Output + ok.Error);
        File.Copy(edited, Path.Combine(folder, "call-ifc-changed.log"));
        var check = await ImsProcess.RunAsync("replay", "--check", folder, "--call-id", _callId);
        Assert.AreEqual(1, check.ExitCode, check.Output + check.Error);
        StringAssert.Contains(check.Error, "call-ifc-changed.log: step ");
        Assert.DoesNotContain("call-ok.log: step", check.Error);
    }

    [TestMethod]
    public async Task ADamagedLogNamesTheByteOffsetAndItsIntactPartStillReplays()
    {
        var bytes = await File.ReadAllBytesAsync(_log, TestContext.CancellationToken);
        var items = EventLogReader.Read(_log).ToList();
        // Damage a line near the end (after the call's INVITE steps) and tear the last line in half.
        var victim = items[^3];
        var damaged = bytes[..(int)items[^1].Offset].Concat(bytes[(int)items[^1].Offset..][..10]).ToArray();
        damaged[victim.Offset + 20] ^= 0x20;
        var path = Path.Combine(Path.GetDirectoryName(_log)!, "damaged.log");
        await File.WriteAllBytesAsync(path, damaged, TestContext.CancellationToken);

        var replay = await ImsProcess.RunAsync("replay", "--log", path, "--call-id", _callId);
        Assert.AreEqual(1, replay.ExitCode, replay.Output + replay.Error);
        StringAssert.Contains(replay.Error, $"byte offset {victim.Offset.ToString(CultureInfo.InvariantCulture)}: checksum mismatch");
        StringAssert.Contains(replay.Error, $"byte offset {items[^1].Offset.ToString(CultureInfo.InvariantCulture)}: truncated record");
        StringAssert.Contains(replay.Output, "step 1 pcscf on sip.request.received INVITE");
        Assert.IsGreaterThanOrEqualTo(5, Count(replay.Output, "[same]"), replay.Output);
    }

    private static IEnumerable<StoredRow> Rows(StoreCall call) => [.. call.Row is { } row ? [row] : Array.Empty<StoredRow>(), .. call.Rows ?? []];

    private static bool IsAliceProfile(StoredRow row) =>
        row.Properties.TryGetValue("UserData", out var data) && data.V.Contains($"alice@{Domain}", StringComparison.Ordinal);

    /// <summary>The caller's profile with one more iFC: originating INVITEs go to an application server first.</summary>
    private static StoreCall WithIfc(StoreCall call)
    {
        StoredRow Edit(StoredRow row)
        {
            if (!IsAliceProfile(row))
            {
                return row;
            }

            const string Ifc = "<InitialFilterCriteria><Priority>1</Priority><TriggerPoint><ConditionTypeCNF>1</ConditionTypeCNF>"
                + "<SPT><ConditionNegated>0</ConditionNegated><Group>0</Group><Method>INVITE</Method></SPT>"
                + "<SPT><ConditionNegated>0</ConditionNegated><Group>1</Group><SessionCase>0</SessionCase></SPT></TriggerPoint>"
                + "<ApplicationServer><ServerName>" + ReplayAs + "</ServerName><DefaultHandling>0</DefaultHandling></ApplicationServer></InitialFilterCriteria>";
            var properties = new Dictionary<string, StoredValue>(row.Properties, StringComparer.Ordinal)
            {
                ["UserData"] = new("s", row.Properties["UserData"].V.Replace("</ServiceProfile>", Ifc + "</ServiceProfile>", StringComparison.Ordinal)),
            };
            return row with { Properties = properties };
        }

        return call with { Row = call.Row is { } one ? Edit(one) : null, Rows = call.Rows is { } many ? [.. many.Select(Edit)] : null };
    }

    private static int Count(string text, string word) => (text.Length - text.Replace(word, string.Empty, StringComparison.Ordinal).Length) / word.Length;

    private static string Line(string user) =>
        $"{user};{Domain};{Sipp.AkaKeyword($"{user}@{Domain}", KText, OpText, AmfText)};600;";
}
