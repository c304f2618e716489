using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Capabilities;

namespace Ims.Diameter.Peers.Requests;

/// <summary>Answers an incoming application request (the edge turns it into an event and waits for the command that answers it).</summary>
public delegate ValueTask<DiameterMessage> DiameterRequestHandler(DiameterMessage request, PeerCapabilities from, CancellationToken cancellationToken);
