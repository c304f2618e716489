namespace Ims.Diameter.Peers.Nodes;

/// <summary>Things that happen to peers, kept for operators and tests.</summary>
public enum DiameterPeerEventKind
{
    Opened,
    ElectionWon,
    ElectionLost,
    CapabilitiesRejected,
    WatchdogRequestReceived,
    WatchdogAnswerReceived,
    WatchdogExpired,
    DisconnectRequestReceived,
    DisconnectAnswerReceived,
    Closed,
}

public sealed record DiameterPeerEvent(DateTimeOffset Time, string Peer, DiameterPeerEventKind Kind, string Detail = "");
