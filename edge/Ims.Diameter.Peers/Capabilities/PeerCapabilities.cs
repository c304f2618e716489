using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Diameter.Peers.Capabilities;

/// <summary>What a peer said about itself in its CER or CEA (RFC 6733 5.3): identity, realm and applications.</summary>
public sealed record PeerCapabilities(string OriginHost, string OriginRealm, IReadOnlySet<uint> ApplicationIds, string? ProductName)
{
    /// <summary>RFC 6733 2.4: a relay advertises 0xffffffff and so handles every application.</summary>
    public bool IsRelay => ApplicationIds.Contains(DiameterApplicationId.Relay.Value);

    public bool Supports(uint applicationId) => applicationId == 0 || IsRelay || ApplicationIds.Contains(applicationId);

    /// <summary>Reads a CER or CEA; null when Origin-Host or Origin-Realm is missing.</summary>
    public static PeerCapabilities? From(DiameterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.OriginHost is not { Length: > 0 } host || message.OriginRealm is not { Length: > 0 } realm)
        {
            return null;
        }

        var applications = new HashSet<uint>();
        foreach (var avp in message.Avps)
        {
            AddApplication(avp, applications);
            if (avp.Code == Avps.VendorSpecificApplicationId.Code && avp.VendorId == 0)
            {
                foreach (var child in avp.Children)
                {
                    AddApplication(child, applications);
                }
            }
        }

        return new PeerCapabilities(host, realm, applications, message.GetString(Avps.ProductName));
    }

    private static void AddApplication(DiameterAvp avp, HashSet<uint> into)
    {
        if ((avp.Code == Avps.AuthApplicationId.Code || avp.Code == Avps.AcctApplicationId.Code) && avp.VendorId == 0 && avp.TryGetUnsigned32(out var id))
        {
            into.Add(id);
        }
    }
}
