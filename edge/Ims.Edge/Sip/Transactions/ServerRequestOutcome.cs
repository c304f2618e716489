namespace Ims.Edge.Sip.Transactions;

/// <summary>What the transaction layer did with an incoming request.</summary>
public enum ServerRequestDisposition
{
    /// <summary>A new server transaction: hand the request to the core.</summary>
    NewTransaction,

    /// <summary>A retransmission of a request with a transaction: absorbed, the last response resent if any.</summary>
    Retransmission,

    /// <summary>The ACK for a non-2xx final response of a server INVITE transaction: absorbed (RFC 3261 17.2.1).</summary>
    AckAbsorbed,

    /// <summary>An ACK that belongs to no transaction (the ACK for a 2xx is end-to-end): the core routes it statelessly.</summary>
    StatelessAck,
}

/// <summary>The disposition and, for a new transaction, its id.</summary>
public readonly record struct ServerRequestOutcome(ServerRequestDisposition Disposition, string TransactionId);
