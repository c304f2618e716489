namespace Ims.Sip;

/// <summary>How the message arrived, which decides the Content-Length rules of RFC 3261 18.3.</summary>
public enum SipFramingMode
{
    /// <summary>UDP: one datagram is one message; Content-Length may be absent, and octets past it are ignored.</summary>
    Datagram,

    /// <summary>TCP/TLS: Content-Length is mandatory and frames the message.</summary>
    Stream,
}
