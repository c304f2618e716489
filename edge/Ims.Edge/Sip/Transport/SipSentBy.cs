using System.Globalization;
using System.Net;

namespace Ims.Edge.Sip.Transport;

/// <summary>
/// The host:port a listener names as its own (the sent-by of a Via, RFC 3261 18.2.1 and 20.42): the
/// socket's address, or the advertised host on the socket's port when the edge is reached on an
/// address it does not bind (a wildcard bind, NAT). An IPv6 address is written as a reference ([..]).
/// </summary>
public static class SipSentBy
{
    public static string Of(IPEndPoint local, string? advertise)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (string.IsNullOrWhiteSpace(advertise))
        {
            return local.ToString();
        }

        return IPAddress.TryParse(advertise, out var address)
            ? new IPEndPoint(address, local.Port).ToString()
            : $"{advertise}:{local.Port.ToString(CultureInfo.InvariantCulture)}";
    }
}
