using Ims.Bus;
using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Capabilities;
using Ims.Diameter.Peers.Requests;
using Ims.Diameter.Values;
using Ims.Edge.Core;
using Ims.Events;

namespace Ims.Edge.Diameter;

/// <summary>
/// The edge side of a Diameter server role (HSS, PCRF, OCS): a request from a peer becomes a
/// <see cref="DiameterRequestReceived"/> event, and the peer's answer is whatever the
/// <see cref="SendDiameterAnswer"/> command carries. The edge decides nothing: when no command
/// comes by the deadline it answers DIAMETER_UNABLE_TO_COMPLY (RFC 6733 7.1.5) rather than hang.
/// </summary>
public sealed class DiameterServerEdge(IEventBus bus, EnvelopeStamp stamp, SuspendedWork<byte[]> pending, TimeSpan deadline, string originHost, string originRealm)
{
    public DiameterRequestHandler HandlerFor(ImsRole role) =>
        (request, from, cancellationToken) => HandleAsync(role, request, from, cancellationToken);

    /// <summary>The correlation of a request: unique per peer and hop (RFC 6733 3: hop-by-hop and end-to-end ids).</summary>
    public static string Correlation(string peer, DiameterHeader header) =>
        $"diameter:{peer}:{header.HopByHopId:x8}:{header.EndToEndId:x8}";

    /// <summary>
    /// Orders work per user: Cx requests by User-Name (IMPI), then Public-Identity, else the session.
    /// </summary>
    public static string PartitionKey(DiameterMessage request) =>
        request.GetString(Avps.UserName)
        ?? request.GetString(Avps.PublicIdentity)
        ?? request.SessionId
        ?? request.OriginHost
        ?? "diameter";

    private async ValueTask<DiameterMessage> HandleAsync(ImsRole role, DiameterMessage request, PeerCapabilities from, CancellationToken cancellationToken)
    {
        var correlation = Correlation(from.OriginHost, request.Header);
        Task<byte[]?> answer;
        try
        {
            answer = pending.Suspend(correlation, deadline);
        }
        catch (InvalidOperationException)
        {
            // The same hop-by-hop id while the first is pending: a retransmission (RFC 6733 5.5.4).
            return Refuse(request, DiameterResultCode.UnableToComply);
        }

        var message = new DiameterRequestReceived(role, from.OriginHost, DiameterEncoder.Encode(request));
        await bus.PublishAsync(stamp.Envelope(PartitionKey(request), correlation, message), cancellationToken).ConfigureAwait(false);
        var bytes = await answer.ConfigureAwait(false);
        if (bytes is null)
        {
            return Refuse(request, DiameterResultCode.UnableToComply);
        }

        var decoded = DiameterDecoder.Decode(bytes);
        return decoded.Message ?? Refuse(request, DiameterResultCode.UnableToComply);
    }

    private DiameterMessage Refuse(DiameterMessage request, DiameterResultCode code) =>
        DiameterMessageBuilder.Answer(request)
            .AddResultCode(code)
            .Add(Avps.OriginHost, originHost)
            .Add(Avps.OriginRealm, originRealm)
            .Build();
}
