using Ims.EndToEnd.Tests.Support;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// Requests inside a confirmed dialog (RFC 3261 12.2, 14; RFC 3311): a re-INVITE and an UPDATE
/// follow the route set the first 200 OK recorded through both P-CSCF sides and the S-CSCF.
/// </summary>
public sealed partial class SippAgainstUpTests
{
    [TestMethod]
    public async Task AReInviteAndAnUpdateFollowTheRouteSetBothWays()
    {
        await AddAsync("yara");
        await AddAsync("zeke");
        var yara = ImsProcess.FreePort();
        var zeke = ImsProcess.FreePort();
        var (yaraRegistered, _) = await Sipp.RegisterAkaAsync(Pcscf, [Line("yara", KText, 600)], yara);
        var (zekeRegistered, _) = await Sipp.RegisterAkaAsync(Pcscf, [Line("zeke", KText, 600)], zeke);
        Assert.AreEqual(1, yaraRegistered.Successful, yaraRegistered.ToString());
        Assert.AreEqual(1, zekeRegistered.Successful, zekeRegistered.ToString());

        var answering = Sipp.RunAsync("call-hold-uas.xml", Pcscf, [$"zeke;{Domain};"], 1, localPort: zeke);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.CancellationToken);
        var call = await Sipp.RunAsync("call-hold-uac.xml", Pcscf, [$"yara;{Domain};zeke;"], 1, localPort: yara);
        var answered = await answering;

        Assert.AreEqual(1, call.Successful, call.ToString());
        Assert.AreEqual(1, answered.Successful, answered.ToString());
        // Each in-dialog request went to zeke's contact through the S-CSCF (its Record-Route) and was answered 200.
        await Ims.WaitForOutputAsync($"Scscf BYE sip:127.0.0.1:{zeke}", TimeSpan.FromSeconds(5));
        foreach (var method in new[] { "INVITE", "UPDATE", "BYE" })
        {
            var step = $"Scscf {method} sip:127.0.0.1:{zeke}";
            Assert.IsTrue(
                Ims.Output.Any(l => l.Contains(step, StringComparison.Ordinal) && l.Contains("-> 200 OK", StringComparison.Ordinal)),
                step + Environment.NewLine + string.Join(Environment.NewLine, Ims.Output.Where(l => l.Contains("ims.sip", StringComparison.Ordinal)).TakeLast(20)));
        }
    }
}
