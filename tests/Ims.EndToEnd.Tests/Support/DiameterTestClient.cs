using System.Net;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Requests;
using Ims.Diameter.Peers.Nodes;

namespace Ims.EndToEnd.Tests.Support;

/// <summary>
/// A Diameter client node playing a CSCF (or the AF) towards one of `ims up`'s servers on loopback:
/// connected (CER/CEA done) before it is handed out, and asked one request at a time.
/// </summary>
internal static class DiameterTestClient
{
    public static async Task<DiameterNode> ConnectAsync(
        string identity, string realm, string server, int port, (uint, uint)[] vendorApps, uint[] authApps, DiameterRequestHandler? requests = null)
    {
        var node = new DiameterNode(
            new DiameterNodeOptions
            {
                OriginHost = identity,
                OriginRealm = realm,
                VendorSpecificApplicationIds = vendorApps,
                AuthApplicationIds = authApps,
                Peers = [new DiameterPeerEndpoint(server, IPAddress.Loopback.ToString(), port)],
                ReconnectInterval = TimeSpan.FromMilliseconds(200),
                RequestTimeout = TimeSpan.FromSeconds(10),
            },
            requests ?? ((_, _, _) => throw new InvalidOperationException("the test client takes no requests")));
        await node.StartAsync();
        Assert.IsTrue(await node.WaitForPeerAsync(server, TimeSpan.FromSeconds(15)), $"no CER/CEA with {server} on port {port}");
        return node;
    }

    /// <summary>The answer to <paramref name="request"/>; fails the test when none comes.</summary>
    public static async Task<DiameterMessage> AskAsync(DiameterNode node, DiameterMessage request, CancellationToken cancellationToken)
    {
        var outcome = await node.SendRequestAsync(request, cancellationToken: cancellationToken);
        Assert.IsTrue(outcome.IsAnswered, outcome.Detail);
        return outcome.Answer!;
    }
}
