namespace Ims.Diameter.Peers.Configuration;

/// <summary>A peer this node connects to (RFC 6733 2.1: the connection initiator): its Diameter identity and TCP address.</summary>
public sealed record DiameterPeerEndpoint(string Identity, string Host, int Port);
