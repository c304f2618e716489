using Ims.EventLog;

namespace Ims.Functions.Azure.Decisions;

/// <summary>The recorder of a worker with no decisions hub configured: records nothing (the start log line says so).</summary>
public sealed class NoDecisionRecords : IDecisionRecorder
{
    public bool Enabled => false;

    public void Record(EventLogRecord record, string partitionKey)
    {
    }
}
