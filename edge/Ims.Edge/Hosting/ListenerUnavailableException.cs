using System.Net;
using System.ComponentModel;

namespace Ims.Edge.Hosting;

/// <summary>
/// A role could not open its listener. The operator learns which role, transport and address
/// ("P-CSCF cannot listen on SIP UDP+TCP 127.0.0.1:5060: Address already in use"), not just the
/// socket error, so a clash with another SIP or Diameter server on the host is found at once.
/// </summary>
public sealed class ListenerUnavailableException : IOException
{
    public ListenerUnavailableException()
    {
    }

    public ListenerUnavailableException(string message)
        : base(message)
    {
    }

    public ListenerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ListenerUnavailableException(string role, string transport, EndPoint endPoint, Win32Exception innerException)
        : base($"{role} cannot listen on {transport} {endPoint}: {innerException?.Message}", innerException)
    {
        Role = role;
        EndPoint = endPoint;
    }

    public string? Role { get; }

    public EndPoint? EndPoint { get; }
}
