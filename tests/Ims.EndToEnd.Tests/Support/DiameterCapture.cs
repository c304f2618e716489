using Ims.Diameter.Peers.Tests.Support;

namespace Ims.EndToEnd.Tests.Support;

/// <summary>
/// tshark on loopback for the Diameter ports of a running `ims up`: a capture started before the
/// traffic, and the verdict that every packet of it dissects as Diameter without a fault. The ports
/// are not 3868 alone, so tshark is told to decode each as Diameter.
/// </summary>
internal static class DiameterCapture
{
    /// <summary>Starts capturing TCP on <paramref name="ports"/> into <paramref name="pcap"/>, once tshark says the capture runs.</summary>
    public static async Task<ExternalProcess> StartAsync(string folder, string pcap, params int[] ports)
    {
        var filter = string.Join(" or ", ports.Select(p => $"tcp port {p}"));
        var capture = ExternalProcess.Start("tshark", folder, "-i", "lo", "-f", filter, "-w", pcap);
        if (!await capture.WaitForOutputAsync("Capture started", TimeSpan.FromSeconds(20)))
        {
            var output = capture.Output;
            capture.Dispose();
            Assert.Fail(output);
        }

        return capture;
    }

    /// <summary>tshark's options that decode each of <paramref name="ports"/> as Diameter.</summary>
    public static string[] DecodeAs(params int[] ports) => [.. ports.SelectMany(p => new[] { "-d", $"tcp.port=={p},diameter" })];

    /// <summary>No packet of the capture is malformed or carries an expert warning.</summary>
    public static async Task AssertDissectsCleanlyAsync(string pcap, params int[] ports)
    {
        var (exit, problems) = await ExternalProcess.RunAsync("tshark", TimeSpan.FromSeconds(60), ["-r", pcap, .. DecodeAs(ports), "-Y", "_ws.malformed || _ws.expert.severity >= warning"]);
        Assert.AreEqual(0, exit, problems);
        Assert.AreEqual(string.Empty, problems.Trim(), $"tshark flagged packets: {problems}");
    }
}
