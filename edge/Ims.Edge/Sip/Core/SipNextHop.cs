using System.Globalization;
using System.Net;
using Ims.Edge.Sip.Transactions;
using Ims.Events;
using Ims.Sip.Syntax;
using Ims.Sip.Uris;

namespace Ims.Edge.Sip.Core;

/// <summary>
/// Turns the next hop a function chose (a SIP URI or host:port) into an address and transport
/// (RFC 3263 without DNS SRV: a literal address or an A record, the URI's transport parameter, 5060 by default).
/// </summary>
internal static class SipNextHop
{
    public static bool TryResolve(string nextHop, out SipPeer peer, out string error) => TryResolve(nextHop, null, out peer, out error);

    /// <summary>Resolves with <paramref name="hosts"/> first: the names a deployment gives its roles without DNS.</summary>
    public static bool TryResolve(string nextHop, IReadOnlyDictionary<string, string>? hosts, out SipPeer peer, out string error)
    {
        peer = default;
        var text = nextHop.Contains(':', StringComparison.Ordinal) && !nextHop.StartsWith("sip", StringComparison.OrdinalIgnoreCase)
            ? "sip:" + nextHop
            : nextHop;
        if (!SipUri.TryParse(text, out var uri, out error) || !uri.IsSip)
        {
            error = $"next hop '{nextHop}' is not a SIP URI or host:port: {error}";
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        if (hosts is not null && hosts.TryGetValue(host, out var mapped))
        {
            host = mapped;
        }

        IPAddress? address;
        if (!IPAddress.TryParse(host, out address))
        {
            try
            {
                address = Dns.GetHostAddresses(host).FirstOrDefault();
            }
            catch (System.Net.Sockets.SocketException)
            {
                address = null;
            }
        }

        if (address is null)
        {
            error = $"next hop host '{host}' does not resolve";
            return false;
        }

        var transport = uri.Parameters.Get("transport")?.ToUpperInvariant() switch
        {
            "TCP" => SipTransport.Tcp,
            "TLS" => SipTransport.Tls,
            _ => SipTransport.Udp,
        };
        var port = uri.Port ?? 5060;
        peer = new SipPeer(new IPEndPoint(address, port).ToString(), transport);
        error = string.Empty;
        return true;
    }

    public static string Format(int port) => port.ToString(CultureInfo.InvariantCulture);
}
