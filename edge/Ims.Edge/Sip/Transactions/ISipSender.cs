namespace Ims.Edge.Sip.Transactions;

/// <summary>The transport below the transaction layer: sends bytes to a peer, never blocking the caller.</summary>
public interface ISipSender
{
    void Send(ReadOnlyMemory<byte> message, SipPeer peer);
}
