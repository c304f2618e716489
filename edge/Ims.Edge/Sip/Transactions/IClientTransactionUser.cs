namespace Ims.Edge.Sip.Transactions;

/// <summary>The transaction user of a client transaction (RFC 3261 17.1): the proxy core of the edge.</summary>
public interface IClientTransactionUser
{
    /// <summary>A provisional or final response that the transaction passes up (not retransmissions).</summary>
    void OnResponse(SipTransactionMessage response);

    /// <summary>Timer B or F fired with no final response: the user answers 408 upstream (RFC 3261 16.8).</summary>
    void OnTimeout();

    /// <summary>The ACK for a non-2xx final response to an INVITE, which the transaction itself sends (RFC 3261 17.1.1.3).</summary>
    ReadOnlyMemory<byte> BuildAck(SipTransactionMessage finalResponse);
}
