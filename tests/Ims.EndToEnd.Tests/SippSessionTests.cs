using Ims.EndToEnd.Tests.Support;
using Ims.EventLog;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// Originating services over ISC (TS 24.229 5.4.3.2, TS 29.228 Annex B): the caller's iFC names an
/// application server, which SIPp plays as a proxy; the iFC's DefaultHandling decides what happens
/// when the server is silent.
/// </summary>
public sealed partial class SippAgainstUpTests
{
    private static int Scscf => Ims.Ports["Scscf__Port"];

    /// <summary>An iFC that sends every originating INVITE of its user to an AS on loopback.</summary>
    private string OriginatingInviteIfc(int applicationServerPort, int defaultHandling)
    {
        var file = Path.Combine(_data!, $"ifc-{applicationServerPort}-{defaultHandling}.xml");
        File.WriteAllText(file, $"""
            <InitialFilterCriteria>
              <Priority>10</Priority>
              <TriggerPoint>
                <ConditionTypeCNF>1</ConditionTypeCNF>
                <SPT><ConditionNegated>0</ConditionNegated><Group>0</Group><Method>INVITE</Method></SPT>
                <SPT><ConditionNegated>0</ConditionNegated><Group>1</Group><SessionCase>0</SessionCase></SPT>
              </TriggerPoint>
              <ApplicationServer>
                <ServerName>sip:127.0.0.1:{applicationServerPort}</ServerName>
                <DefaultHandling>{defaultHandling}</DefaultHandling>
              </ApplicationServer>
            </InitialFilterCriteria>
            """);
        return file;
    }

    /// <summary>Provisions and registers a caller (with an iFC) and a callee; returns their UE ports.</summary>
    private async Task<(int Caller, int Callee)> RegisterPairAsync(string caller, string callee, string ifcFile)
    {
        await AddAsync(caller, ifcFile);
        await AddAsync(callee);
        var callerPort = ImsProcess.FreePort();
        var calleePort = ImsProcess.FreePort();
        var (callerRegistered, _) = await Sipp.RegisterAkaAsync(Pcscf, [Line(caller, KText, 600)], callerPort);
        var (calleeRegistered, _) = await Sipp.RegisterAkaAsync(Pcscf, [Line(callee, KText, 600)], calleePort);
        Assert.AreEqual(1, callerRegistered.Successful, callerRegistered.ToString());
        Assert.AreEqual(1, calleeRegistered.Successful, calleeRegistered.ToString());
        return (callerPort, calleePort);
    }

    private async Task<(SippResult Call, SippResult Answered)> CallAsync(string caller, string callee, (int Caller, int Callee) ports)
    {
        var answering = Sipp.RunAsync("call-uas.xml", Pcscf, [$"{callee};{Domain};"], 1, localPort: ports.Callee);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.CancellationToken);
        var call = await Sipp.RunAsync("call-uac.xml", Pcscf, [$"{caller};{Domain};{callee};"], 1, localPort: ports.Caller);
        return (call, await answering);
    }

    /// <summary>The decisions the functions recorded in the event log that contain all the given words.</summary>
    private static async Task<IReadOnlyList<string>> DecisionsAsync(params string[] words)
    {
        static List<string> Matching(IReadOnlyList<EventLogRecord> records, string[] words) =>
            [.. records.Select(r => r.Decision?.Decision).OfType<string>().Where(decision => words.All(word => decision.Contains(word, StringComparison.Ordinal)))];
        var records = await RecordedDecisions.UntilAsync(_data!, r => Matching(r, words).Count > 0, 50, CancellationToken.None);
        return Matching(records, words);
    }

    [TestMethod]
    public async Task AnOriginatingInviteGoesThroughTheApplicationServerOfTheCallersIfcAndTheCallCompletes()
    {
        var server = ImsProcess.FreePort();
        var ports = await RegisterPairAsync("frank", "gina", OriginatingInviteIfc(server, defaultHandling: 0));

        // The AS sends the INVITE back to the S-CSCF, which is the remote address it is started with.
        var proxying = Sipp.RunAsync("as-proxy.xml", Scscf, ["as;"], 1, localPort: server);
        var (call, answered) = await CallAsync("frank", "gina", ports);
        var proxied = await proxying;

        Assert.AreEqual(1, call.Successful, call.ToString());
        Assert.AreEqual(1, answered.Successful, answered.ToString());
        Assert.AreEqual(1, proxied.Successful, proxied.ToString());

        // The S-CSCF took the INVITE back from the AS (its odi Route) and sent it on to the callee's network.
        Assert.IsTrue(await Ims.WaitForOutputAsync($"Scscf INVITE sip:gina@{Domain} from UDP 127.0.0.1:{server}", TimeSpan.FromSeconds(5)));
        Assert.IsNotEmpty(await DecisionsAsync("sip:frank@", $"to AS sip:127.0.0.1:{server}"));
        Assert.IsNotEmpty(await DecisionsAsync("back from the AS", "sip:frank@"), "the S-CSCF did not recognise the request coming back from the AS");
    }

    [TestMethod]
    public async Task ASilentApplicationServerIsPassedByWhenItsIfcSaysSessionContinued()
    {
        var silent = ImsProcess.FreePort();
        var ports = await RegisterPairAsync("harry", "hilda", OriginatingInviteIfc(silent, defaultHandling: 0));

        var (call, answered) = await CallAsync("harry", "hilda", ports);

        Assert.AreEqual(1, call.Successful, call.ToString());
        Assert.AreEqual(1, answered.Successful, answered.ToString());
        Assert.IsNotEmpty(await DecisionsAsync($"AS sip:127.0.0.1:{silent} did not answer (408)", "SESSION_CONTINUED"));
    }

    [TestMethod]
    public async Task ASilentApplicationServerEndsTheCallWith408WhenItsIfcSaysSessionTerminated()
    {
        var silent = ImsProcess.FreePort();
        var ports = await RegisterPairAsync("ivan", "iris", OriginatingInviteIfc(silent, defaultHandling: 1));

        var refused = await Sipp.RunAsync("call-refused.xml", Pcscf, [$"ivan;{Domain};iris;"], 1, localPort: ports.Caller);

        Assert.AreEqual(1, refused.Successful, refused.ToString());
        Assert.IsTrue(await Ims.WaitForOutputAsync($"Pcscf INVITE sip:iris@{Domain}", TimeSpan.FromSeconds(5)));
        Assert.IsTrue(Ims.Output.Any(l => l.Contains($"Pcscf INVITE sip:iris@{Domain}", StringComparison.Ordinal) && l.Contains("-> 408", StringComparison.Ordinal)),
            string.Join(Environment.NewLine, Ims.Output.TakeLast(10)));
        Assert.IsNotEmpty(await DecisionsAsync($"AS sip:127.0.0.1:{silent} did not answer (408)", "SESSION_TERMINATED"));
    }
}
