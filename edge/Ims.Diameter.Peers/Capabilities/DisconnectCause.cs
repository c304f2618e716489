namespace Ims.Diameter.Peers.Capabilities;

/// <summary>Disconnect-Cause values (RFC 6733 5.4.3): whether the peer should come back.</summary>
public enum DisconnectCause : uint
{
    Rebooting = 0,
    Busy = 1,
    DoNotWantToTalkToYou = 2,
}
