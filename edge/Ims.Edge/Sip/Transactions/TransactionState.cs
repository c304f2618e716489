namespace Ims.Edge.Sip.Transactions;

/// <summary>The states of RFC 3261 17.1/17.2 with the Accepted state of RFC 6026 7.</summary>
public enum TransactionState
{
    Calling,
    Trying,
    Proceeding,
    Accepted,
    Completed,
    Confirmed,
    Terminated,
}
