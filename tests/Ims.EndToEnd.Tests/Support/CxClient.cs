using System.Net;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Values;

namespace Ims.EndToEnd.Tests.Support;

/// <summary>A Diameter client node playing a CSCF towards the HSS of a running `ims up`.</summary>
internal static class CxClient
{
    public const string HomeDomain = "ims.mnc001.mcc001.3gppnetwork.org";
    public const string HssIdentity = "hss." + HomeDomain;
    public const string Identity = "scscf-test." + HomeDomain;

    public static async Task<DiameterNode> ConnectAsync(int hssPort)
    {
        var node = new DiameterNode(
            new DiameterNodeOptions
            {
                OriginHost = Identity,
                OriginRealm = HomeDomain,
                VendorSpecificApplicationIds = [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Cx.Value)],
                Peers = [new DiameterPeerEndpoint(HssIdentity, IPAddress.Loopback.ToString(), hssPort)],
                ReconnectInterval = TimeSpan.FromMilliseconds(200),
                RequestTimeout = TimeSpan.FromSeconds(10),
            },
            (_, _, _) => throw new InvalidOperationException("the test client takes no requests"));
        await node.StartAsync();
        if (!await node.WaitForPeerAsync(HssIdentity, TimeSpan.FromSeconds(15)))
        {
            await node.DisposeAsync();
            throw new InvalidOperationException($"no CER/CEA with {HssIdentity} on port {hssPort}");
        }

        return node;
    }
}
