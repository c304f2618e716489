using Ims.EventLog;

namespace Ims.Functions.Azure.Decisions;

/// <summary>
/// Where the worker puts what replay needs besides the bus's own retention: per event, the function's
/// decision with its command ids and store calls, and a host start with the function settings.
/// Implementations never throw and never wait on I/O: a record that cannot be kept is counted, and
/// the event it describes is still answered.
/// </summary>
public interface IDecisionRecorder
{
    /// <summary>False when nothing is recorded: the host then skips journaling the store calls.</summary>
    bool Enabled { get; }

    /// <summary>Queues a record; <paramref name="partitionKey"/> keeps one flow's records in one partition, in order.</summary>
    void Record(EventLogRecord record, string partitionKey);
}
