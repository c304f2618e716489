using System.Net;
using System.Net.Sockets;
using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Peers.Requests;
using Ims.Diameter.Values;

namespace Ims.Diameter.Peers.Tests.Support;

/// <summary>Nodes on loopback with short timers, and the messages the tests send.</summary>
internal static class TestNodes
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static DiameterNodeOptions Options(string host, IPEndPoint? listen = null, params DiameterPeerEndpoint[] peers) => new()
    {
        OriginHost = host,
        OriginRealm = "ims.test",
        ProductName = "Ims.Cloud tests",
        VendorId = 0,
        AuthApplicationIds = [DiameterApplicationId.CreditControl.Value],
        VendorSpecificApplicationIds = [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Cx.Value), (DiameterVendorId.ThirdGeneration, DiameterApplicationId.Rx.Value)],
        ListenOn = listen,
        Peers = peers,
        WatchdogInterval = TimeSpan.FromSeconds(30),
        ReconnectInterval = TimeSpan.FromMilliseconds(200),
        HandshakeTimeout = TimeSpan.FromSeconds(3),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    public static IPEndPoint AnyLoopback => new(IPAddress.Loopback, 0);

    public static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>A handler that answers every request with DIAMETER_SUCCESS and echoes the command.</summary>
    public static DiameterRequestHandler SuccessHandler(string host) => (request, _, _) => ValueTask.FromResult(
        DiameterMessageBuilder.Answer(request)
            .Add(Avps.OriginHost, host).Add(Avps.OriginRealm, "ims.test")
            .AddResultCode(DiameterResultCode.Success)
            .Build());

    public static DiameterMessage Request(CommandDefinition command, string? destinationHost = null, string realm = "ims.test")
    {
        var builder = DiameterMessageBuilder.Request(command, 0, 0)
            .Add(Avps.SessionId, $"client.ims.test;{command.RequestAbbreviation};1")
            .Add(Avps.OriginHost, "client.ims.test")
            .Add(Avps.OriginRealm, "ims.test")
            .Add(Avps.DestinationRealm, realm);
        if (destinationHost is not null)
        {
            builder.Add(Avps.DestinationHost, destinationHost);
        }

        return AddRequired(builder, command).Build();
    }

    /// <summary>Fills the command's other required AVPs with plausible values so the server's validator accepts it.</summary>
    private static DiameterMessageBuilder AddRequired(DiameterMessageBuilder builder, CommandDefinition command)
    {
        var message = builder.Build();
        foreach (var avp in command.RequiredRequestAvps.Where(a => message.Find(a) is null))
        {
            switch (avp.Type)
            {
                case AvpType.Grouped when avp == Avps.VendorSpecificApplicationId:
                    builder.Add(avp, g => g.Add(Avps.VendorId, DiameterVendorId.ThirdGeneration).Add(Avps.AuthApplicationId, command.ApplicationId));
                    break;
                case AvpType.Grouped when avp == Avps.SipAuthDataItem:
                    builder.Add(avp, g => g.Add(Avps.SipAuthenticationScheme, "Digest-AKAv1-MD5"));
                    break;
                case AvpType.Grouped when avp == Avps.DeregistrationReason:
                    builder.Add(avp, g => g.Add(Avps.ReasonCode, 0u));
                    break;
                case AvpType.Unsigned32 or AvpType.Enumerated:
                    builder.Add(avp, avp == Avps.AuthApplicationId ? command.ApplicationId : 1u);
                    break;
                case AvpType.UTF8String or AvpType.DiameterIdentity or AvpType.OctetString or AvpType.DiameterURI:
                    builder.Add(avp, avp == Avps.PublicIdentity ? "sip:alice@ims.test" : avp == Avps.DestinationHost ? "server.ims.test" : "alice@ims.test");
                    break;
                default:
                    throw new InvalidOperationException($"no test value for {avp.Name}");
            }
        }

        return builder;
    }

    public static async Task<bool> Eventually(Func<bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Patience);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(25);
        }

        return condition();
    }

    public static bool Saw(this DiameterNode node, string peer, DiameterPeerEventKind kind) =>
        node.Events.Any(e => e.Kind == kind && string.Equals(e.Peer, peer, StringComparison.OrdinalIgnoreCase));
}
