using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Capabilities;

namespace Ims.Diameter.Peers.Routing;

/// <summary>
/// Picks the open peer for a request (RFC 6733 6.1.4-6.1.6): Destination-Host when it names a
/// peer, else a peer of Destination-Realm, in both cases one that advertised the request's
/// application (or is a relay). A realm with several peers spreads requests by end-to-end id.
/// </summary>
public static class PeerRouter
{
    public static T? Select<T>(IReadOnlyList<T> openPeers, DiameterMessage request, Func<T, PeerCapabilities> capabilities)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(openPeers);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(capabilities);
        var application = request.ApplicationId;
        if (request.GetString(Avps.DestinationHost) is { Length: > 0 } host)
        {
            var direct = openPeers.FirstOrDefault(p => string.Equals(capabilities(p).OriginHost, host, StringComparison.OrdinalIgnoreCase) && capabilities(p).Supports(application));
            if (direct is not null)
            {
                return direct;
            }
        }

        var realm = request.GetString(Avps.DestinationRealm);
        var candidates = openPeers
            .Where(p => capabilities(p).Supports(application) && (realm is null || string.Equals(capabilities(p).OriginRealm, realm, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return candidates.Count == 0 ? null : candidates[(int)(request.Header.EndToEndId % (uint)candidates.Count)];
    }
}
