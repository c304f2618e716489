using System.Globalization;
using System.Net;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Peers.Requests;
using Ims.Diameter.Peers.Tests.Support;

namespace Ims.Diameter.Peers.Tests.Interop;

/// <summary>
/// Wireshark's Diameter dissector as an independent judge of our bytes: capture a client node
/// sending Cx, Rx and Ro requests to a server node, then require that tshark finds nothing
/// malformed or suspicious and sees exactly the commands we meant.
/// </summary>
[TestClass]
public sealed class TsharkDissectionTests
{
    [TestMethod]
    public async Task CxRxAndRoTrafficDissectsWithoutWarnings()
    {
        ExternalProcess.Require("tshark");
        var port = TestNodes.FreePort();
        var folder = Directory.CreateTempSubdirectory("ims-tshark-").FullName;
        var pcap = Path.Combine(folder, "diameter.pcap");
        try
        {
            using (var capture = ExternalProcess.Start("tshark", folder, "-i", "lo", "-f", $"tcp port {port}", "-w", pcap))
            {
                // dumpcap says "Capture started" once packets are really being taken, a moment after "Capturing on".
                Assert.IsTrue(await capture.WaitForOutputAsync("Capture started", TimeSpan.FromSeconds(20)), $"tshark did not start capturing: {capture.Output}");
                await SendTrafficAsync(port);
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                await capture.StopAsync(TimeSpan.FromSeconds(10));
            }

            var decodeAs = $"tcp.port=={port},diameter";
            var (exit, problems) = await ExternalProcess.RunAsync("tshark", TimeSpan.FromSeconds(60), "-r", pcap, "-d", decodeAs, "-Y", "_ws.malformed || _ws.expert.severity >= warning");
            Assert.AreEqual(0, exit, problems);
            Assert.AreEqual("", problems.Trim(), "tshark flagged packets");

            var (fieldsExit, fields) = await ExternalProcess.RunAsync("tshark", TimeSpan.FromSeconds(60), "-r", pcap, "-d", decodeAs, "-Y", "diameter", "-T", "fields", "-e", "diameter.cmd.code", "-e", "diameter.flags.request");
            Assert.AreEqual(0, fieldsExit, fields);
            Assert.IsGreaterThanOrEqualTo(16, fields.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, $"too few Diameter packets captured: {fields}");
            var requests = fields.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('\t'))
                .Where(f => f.Length == 2 && f[1] is "1" or "True")
                .SelectMany(f => f[0].Split(','))
                .Select(code => uint.Parse(code, CultureInfo.InvariantCulture))
                .ToList();
            CollectionAssert.IsSubsetOf(new uint[] { 257, 300, 301, 302, 303, 265, 272, 282 }, requests, fields);
            CollectionAssert.IsSubsetOf(requests, new uint[] { 257, 280, 300, 301, 302, 303, 265, 272, 282 }, string.Join(",", requests));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task SendTrafficAsync(int port)
    {
        await using var server = new DiameterNode(TestNodes.Options("server.ims.test", new IPEndPoint(IPAddress.Loopback, port)), TestNodes.SuccessHandler("server.ims.test"));
        await server.StartAsync();
        await using var client = new DiameterNode(TestNodes.Options("client.ims.test", null, new DiameterPeerEndpoint("server.ims.test", "127.0.0.1", port)), TestNodes.SuccessHandler("client.ims.test"));
        await client.StartAsync();
        Assert.IsTrue(await client.WaitForPeerAsync("server.ims.test", TestNodes.Patience));

        foreach (var command in new[] { DiameterCommands.UserAuthorization, DiameterCommands.MultimediaAuth, DiameterCommands.ServerAssignment, DiameterCommands.LocationInfo, DiameterCommands.AaRx, DiameterCommands.CreditControlRo })
        {
            var outcome = await client.SendRequestAsync(TestNodes.Request(command));
            Assert.AreEqual(DiameterRequestOutcomeKind.Answered, outcome.Kind, $"{command.RequestAbbreviation}: {outcome.Detail}");
        }

        await client.StopAsync();
    }
}
