using System.Collections.Concurrent;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Peers.Requests;

namespace Ims.Edge.Diameter;

/// <summary>
/// Picks the Diameter node a function's request leaves through, by its Origin-Host: a CSCF's client
/// node for Cx, Ro and Rx requests, and a server role's own node for the requests that role
/// originates (the PCRF's ASR and RAR, TS 29.214 4.4.4, 4.4.6). A server node reaches its peers over
/// the connections they opened to it, so the PCRF's ASR goes back to the AF on the AF's own
/// connection, as RFC 6733 2.1 expects of a peer relationship.
/// </summary>
public sealed class DiameterOriginRouter
{
    private readonly ConcurrentDictionary<string, DiameterNode> _nodes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Requests whose Origin-Host is <paramref name="identity"/> leave through <paramref name="node"/>.</summary>
    public void Add(string identity, DiameterNode node)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identity);
        ArgumentNullException.ThrowIfNull(node);
        _nodes[identity] = node;
    }

    /// <summary>The request's outcome; NoRoute, never an exception, when no node has its Origin-Host.</summary>
    public Task<DiameterRequestOutcome> SendAsync(DiameterMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _nodes.TryGetValue(request.OriginHost ?? string.Empty, out var node)
            ? node.SendRequestAsync(request, null, cancellationToken)
            : Task.FromResult(DiameterRequestOutcome.Failed(DiameterRequestOutcomeKind.NoRoute, null, $"no Diameter node is {request.OriginHost}"));
    }
}
