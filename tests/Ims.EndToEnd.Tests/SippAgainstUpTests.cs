using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.EndToEnd.Tests.Support;
using Ims.EventLog;
using Ims.Events;
using Ims.Sip;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// IMS registration and sessions end to end (TS 24.229 5.1-5.4): SIPp plays the UEs with AKAv1-MD5
/// (and, in the session tests, an application server) against a real `ims up` (P-CSCF, I-CSCF,
/// S-CSCF and HSS over Diameter on loopback); subscribers are provisioned with `ims subscriber add`
/// and the outcome is read back with `ims subscriber show`.
/// </summary>
[TestClass]
public sealed partial class SippAgainstUpTests
{
    private const string Domain = "ims.mnc001.mcc001.3gppnetwork.org";
    private const string KText = "kkkkkkkkkkkkkk01";
    private const string OpText = "oooooooooooooooo";
    private const string AmfText = "00";
    private static string? _data;
    private static ImsProcess? _ims;

    public TestContext TestContext { get; set; } = null!;

    private static ImsProcess Ims => _ims ?? throw new InvalidOperationException("ims up did not start");

    private static int Pcscf => Ims.Ports["Pcscf__Port"];

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        _data = Path.Combine(Path.GetTempPath(), "ims-e2e-sipp-" + Guid.NewGuid().ToString("N"));
        _ims = await ImsProcess.UpAsync(_data);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (_ims is not null)
        {
            await _ims.DisposeAsync();
        }

        if (_data is not null && Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [TestMethod]
    public async Task SubscribersRegisterReRegisterAndDeRegisterWithAka()
    {
        var users = Enumerable.Range(1, 5).Select(i => $"reg{i}").ToList();
        var ue = ImsProcess.FreePort();
        foreach (var user in users)
        {
            await AddAsync(user);
        }

        var (register, _) = await Sipp.RegisterAkaAsync(Pcscf, users.Select(u => Line(u, KText, 600)).ToList(), ue);
        Assert.AreEqual(users.Count, register.Successful, register.ToString());
        Assert.AreEqual(0, register.Failed, register.ToString());
        Assert.AreEqual(0, register.ExitCode, register.ToString());
        foreach (var user in users)
        {
            var shown = await ShowAsync(user);
            StringAssert.Contains(shown, $"impu: sip:{user}@{Domain} registered scscf=sip:scscf.{Domain}:");
            // The registrar's binding: the UE's contact, as registered.
            StringAssert.Contains(shown, $"contact: sip:{user}@{Domain} <sip:{user}@127.0.0.1:{ue};transport=UDP>");
        }

        // Re-registration: each REGISTER is challenged again (no IPsec here, TS 24.229 5.4.1.2.1) and succeeds.
        var (again, _) = await Sipp.RegisterAkaAsync(Pcscf, users.Select(u => Line(u, KText, 1200)).ToList(), ue);
        Assert.AreEqual(users.Count, again.Successful, again.ToString());
        Assert.AreEqual(0, again.Failed, again.ToString());
        StringAssert.Contains(await ShowAsync(users[0]), "registered");

        // De-registration: Expires 0 ends every binding and the HSS learns it (SAR USER_DEREGISTRATION).
        var (leave, _) = await Sipp.RegisterAkaAsync(Pcscf, users.Select(u => Line(u, KText, 0)).ToList(), ue);
        Assert.AreEqual(users.Count, leave.Successful, leave.ToString());
        Assert.AreEqual(0, leave.Failed, leave.ToString());
        foreach (var user in users)
        {
            var shown = await ShowAsync(user);
            StringAssert.Contains(shown, $"impu: sip:{user}@{Domain} not-registered");
            Assert.DoesNotContain("contact:", shown);
        }
    }

    [TestMethod]
    public async Task AUsimWithAnotherKCannotRegister()
    {
        await AddAsync("wrongk");

        // SIPp's USIM checks the network's MAC with its own K and refuses to answer: the call fails on the UE side.
        var sipp = await Sipp.RunAsync("register-aka.xml", Pcscf, [Line("wrongk", "kkkkkkkkkkkkkk99", 600)], 1);
        Assert.AreNotEqual(0, sipp.ExitCode, sipp.ToString());
        Assert.IsTrue(sipp.Successful <= 0, sipp.ToString());
        StringAssert.Contains(sipp.Log, "MAC", sipp.ToString());

        // What such a UE sends instead (TS 24.229 5.1.1.5.1: an empty response to a challenge it cannot verify) gets 403.
        var refused = await Sipp.RunAsync("register-network-auth-failure.xml", Pcscf, [$"wrongk;{Domain};wrongk@{Domain};"], 1);
        Assert.AreEqual(1, refused.Successful, refused.ToString());
        Assert.AreEqual(0, refused.Failed, refused.ToString());
        StringAssert.Contains(await ShowAsync("wrongk"), "not-registered");
    }

    [TestMethod]
    public async Task AnUnknownImpiIsRefusedWith403()
    {
        var sipp = await Sipp.RunAsync("register-refused.xml", Pcscf, [$"nobody;{Domain};"], 1);
        Assert.AreEqual(1, sipp.Successful, sipp.ToString());
        Assert.AreEqual(0, sipp.Failed, sipp.ToString());
        var show = await ImsProcess.RunAsync("subscriber", "show", "--data", _data!, $"nobody@{Domain}");
        Assert.AreNotEqual(0, show.ExitCode, "nobody was provisioned by the attempt");
    }

    [TestMethod]
    public async Task ARegisterWithABrokenHeaderGets400()
    {
        var sipp = await Sipp.RunAsync("register-malformed.xml", Pcscf, [$"broken;{Domain};"], 1);
        Assert.AreEqual(1, sipp.Successful, sipp.ToString());
        Assert.AreEqual(0, sipp.Failed, sipp.ToString());
        // The edge names the fault (RFC 3261 21.4.1) and no function ever saw the request.
        await Ims.WaitForOutputAsync("answered 400", TimeSpan.FromSeconds(5));
        Assert.IsTrue(Ims.Output.Any(l => l.Contains("answered 400", StringComparison.Ordinal) && l.Contains("CSeq", StringComparison.OrdinalIgnoreCase)), string.Join(Environment.NewLine, Ims.Output.TakeLast(20)));
    }

    [TestMethod]
    public async Task AnInviteFromAnUnregisteredUeIsRefusedAtThePcscf()
    {
        var sipp = await Sipp.RunAsync("invite-unregistered.xml", Pcscf, [$"stranger;{Domain};reg1;"], 1);
        Assert.AreEqual(1, sipp.Successful, sipp.ToString());
        Assert.AreEqual(0, sipp.Failed, sipp.ToString());
        await Ims.WaitForOutputAsync("Pcscf INVITE", TimeSpan.FromSeconds(5));
        Assert.IsTrue(Ims.Output.Any(l => l.Contains("Pcscf INVITE", StringComparison.Ordinal) && l.Contains("-> 403", StringComparison.Ordinal)), string.Join(Environment.NewLine, Ims.Output.TakeLast(20)));
    }

    [TestMethod]
    public async Task TwoRegisteredUesCallEachOtherAndHangUpAndAnUnregisteredCalleeGets480()
    {
        await AddAsync("alice");
        await AddAsync("bob");
        await AddAsync("carol");
        var alice = ImsProcess.FreePort();
        var bob = ImsProcess.FreePort();
        var (aliceRegistered, _) = await Sipp.RegisterAkaAsync(Pcscf, [Line("alice", KText, 600)], alice);
        var (bobRegistered, _) = await Sipp.RegisterAkaAsync(Pcscf, [Line("bob", KText, 600)], bob);
        Assert.AreEqual(1, aliceRegistered.Successful, aliceRegistered.ToString());
        Assert.AreEqual(1, bobRegistered.Successful, bobRegistered.ToString());

        // Bob's UE waits on the contact it registered; alice's calls through her P-CSCF.
        var answering = Sipp.RunAsync("call-uas.xml", Pcscf, [$"bob;{Domain};"], 1, localPort: bob);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.CancellationToken);
        var call = await Sipp.RunAsync("call-uac.xml", Pcscf, [$"alice;{Domain};bob;"], 1, localPort: alice);
        var answered = await answering;
        Assert.AreEqual(1, call.Successful, call.ToString());
        Assert.AreEqual(0, call.Failed, call.ToString());
        Assert.AreEqual(1, answered.Successful, answered.ToString());

        // The INVITE crossed every role: both P-CSCF sides, both S-CSCF sides, and the I-CSCF's LIR.
        await Ims.WaitForOutputAsync("Pcscf BYE", TimeSpan.FromSeconds(5));
        foreach (var step in new[] { "Pcscf INVITE sip:bob@" + Domain, "Icscf INVITE sip:bob@" + Domain, "Pcscf INVITE sip:bob@127.0.0.1" })
        {
            Assert.IsTrue(Ims.Output.Any(l => l.Contains(step, StringComparison.Ordinal) && l.Contains("-> 200 OK", StringComparison.Ordinal)), step);
        }

        // Carol is provisioned but not registered: her S-CSCF has no contact for her (TS 24.229 5.4.3.3).
        var unreachable = await Sipp.RunAsync("call-refused.xml", Pcscf, [$"alice;{Domain};carol;"], 1, localPort: alice);
        Assert.AreEqual(1, unreachable.Successful, unreachable.ToString());
        await Ims.WaitForOutputAsync($"Pcscf INVITE sip:carol@{Domain}", TimeSpan.FromSeconds(5));
        Assert.IsTrue(Ims.Output.Any(l => l.Contains($"Pcscf INVITE sip:carol@{Domain}", StringComparison.Ordinal) && l.Contains("-> 480", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task TheEventLogKeepsNoKeysNoExpectedResponsesAndNoDigestResponses()
    {
        await AddAsync("logged");
        var (registered, _) = await Sipp.RegisterAkaAsync(Pcscf, [Line("logged", KText, 600)]);
        Assert.AreEqual(1, registered.Successful, registered.ToString());

        var challenges = 0;
        var answers = 0;
        var vectors = 0;
        for (var attempt = 0; attempt < 50 && (challenges == 0 || answers == 0 || vectors == 0); attempt++)
        {
            await Task.Delay(100, TestContext.CancellationToken);
            (challenges, answers, vectors) = (0, 0, 0);
            foreach (var item in Directory.GetFiles(Path.Combine(_data!, "events")).SelectMany(EventLogReader.Read))
            {
                switch (item.Record?.Envelope?.Message)
                {
                    case SendSipResponse { Message: var bytes } when SipMessage.Parse(bytes).Message is { WwwAuthenticate: { } challenge }:
                        // The S-CSCF's 401 carried CK and IK (the P-CSCF's, relayed to the UE, carries neither).
                        Assert.AreEqual(challenge.Ck is null ? null : "redacted", challenge.Ck?.Trim('"'), "CK in a logged 401");
                        Assert.AreEqual(challenge.Ik is null ? null : "redacted", challenge.Ik?.Trim('"'), "IK in a logged 401");
                        challenges += challenge.Ck is null ? 0 : 1;
                        break;
                    case SipRequestReceived { Message: var bytes } when SipMessage.Parse(bytes).Message is { Authorization: { Response: { } response } }:
                        Assert.AreEqual("redacted", response.Trim('"'), "a Digest response in the log");
                        answers++;
                        break;
                    case DiameterAnswerReceived { Message: { } bytes } when DiameterDecoder.Decode(bytes) is { IsSuccess: true } maa
                        && maa.Message.Find(Avps.SipAuthDataItem) is { } vector:
                        foreach (var secret in new[] { Avps.SipAuthorization, Avps.ConfidentialityKey, Avps.IntegrityKey })
                        {
                            Assert.AreEqual("redacted", vector.Find(secret.Code, secret.VendorId)?.GetString(), secret.Name);
                        }

                        vectors++;
                        break;
                }
            }
        }

        Assert.IsGreaterThan(0, challenges, "no 401 found in the event log");
        Assert.IsGreaterThan(0, answers, "no answered challenge found in the event log");
        Assert.IsGreaterThan(0, vectors, "no MAA found in the event log");
    }

    private static string Line(string user, string kText, int expires) =>
        $"{user};{Domain};{Sipp.AkaKeyword($"{user}@{Domain}", kText, OpText, AmfText)};{expires.ToString(System.Globalization.CultureInfo.InvariantCulture)};";

    private static async Task AddAsync(string user, string? ifcFile = null)
    {
        string[] ifc = ifcFile is null ? [] : ["--ifc", ifcFile];
        var add = await ImsProcess.RunAsync(["subscriber", "add", "--data", _data!, "--impi", $"{user}@{Domain}", "--impu", $"sip:{user}@{Domain}",
            "--k", Sipp.Hex(KText), "--op", Sipp.Hex(OpText), "--amf", Sipp.Hex(AmfText), .. ifc]);
        Assert.AreEqual(0, add.ExitCode, add.Error);
    }

    private static async Task<string> ShowAsync(string user)
    {
        var show = await ImsProcess.RunAsync("subscriber", "show", "--data", _data!, $"{user}@{Domain}");
        Assert.AreEqual(0, show.ExitCode, show.Error);
        return show.Output;
    }
}
