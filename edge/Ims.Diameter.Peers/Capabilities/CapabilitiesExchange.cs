using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Values;

namespace Ims.Diameter.Peers.Capabilities;

/// <summary>Builds the capability messages of RFC 6733 5.3 and the other base peer messages (5.4 DPR/DPA, 5.5 DWR/DWA).</summary>
internal static class CapabilitiesExchange
{
    public static DiameterMessage Cer(DiameterNodeOptions options, uint hopByHop, uint endToEnd) =>
        AddCapabilities(DiameterMessageBuilder.Request(DiameterCommands.CapabilitiesExchange, hopByHop, endToEnd), options).Build();

    public static DiameterMessage Cea(DiameterNodeOptions options, DiameterMessage cer, DiameterResultCode result)
    {
        var answer = DiameterMessageBuilder.Answer(cer, result.IsProtocolError).AddResultCode(result);
        return AddCapabilities(answer, options).Build();
    }

    public static DiameterMessage Dwr(DiameterNodeOptions options, uint hopByHop, uint endToEnd) =>
        DiameterMessageBuilder.Request(DiameterCommands.DeviceWatchdog, hopByHop, endToEnd)
            .Add(Avps.OriginHost, options.OriginHost).Add(Avps.OriginRealm, options.OriginRealm).Build();

    public static DiameterMessage Dpr(DiameterNodeOptions options, uint hopByHop, uint endToEnd, DisconnectCause cause) =>
        DiameterMessageBuilder.Request(DiameterCommands.DisconnectPeer, hopByHop, endToEnd)
            .Add(Avps.OriginHost, options.OriginHost).Add(Avps.OriginRealm, options.OriginRealm)
            .Add(Avps.DisconnectCause, (uint)cause).Build();

    /// <summary>DWA and DPA: Result-Code, Origin-Host, Origin-Realm (RFC 6733 5.4.2, 5.5.2).</summary>
    public static DiameterMessage SimpleAnswer(DiameterNodeOptions options, DiameterMessage request, DiameterResultCode result) =>
        DiameterMessageBuilder.Answer(request, result.IsProtocolError)
            .AddResultCode(result).Add(Avps.OriginHost, options.OriginHost).Add(Avps.OriginRealm, options.OriginRealm).Build();

    private static DiameterMessageBuilder AddCapabilities(DiameterMessageBuilder message, DiameterNodeOptions options)
    {
        message.Add(Avps.OriginHost, options.OriginHost).Add(Avps.OriginRealm, options.OriginRealm);
        var addresses = options.HostIpAddresses.Count > 0 ? options.HostIpAddresses : [DiameterAddress.Ipv4(127, 0, 0, 1)];
        foreach (var address in addresses)
        {
            message.Add(Avps.HostIpAddress, address);
        }

        message.Add(Avps.VendorId, options.VendorId).Add(Avps.ProductName, options.ProductName);
        foreach (var vendor in options.SupportedVendorIds)
        {
            message.Add(Avps.SupportedVendorId, vendor);
        }

        foreach (var application in options.AuthApplicationIds)
        {
            message.Add(Avps.AuthApplicationId, application);
        }

        foreach (var (vendor, application) in options.VendorSpecificApplicationIds)
        {
            message.Add(Avps.VendorSpecificApplicationId, v => v.Add(Avps.VendorId, vendor).Add(Avps.AuthApplicationId, application));
        }

        return message;
    }
}
