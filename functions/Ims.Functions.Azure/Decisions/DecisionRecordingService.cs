using Ims.EventLog;
using Ims.Functions.Azure.Hosting;
using Ims.Functions.Catalog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ims.Functions.Azure.Decisions;

/// <summary>
/// At worker start, records the host start (the function settings replay must run the handlers with)
/// or says in the log that no decisions are recorded; at stop, sends what is still queued.
/// </summary>
public sealed partial class DecisionRecordingService(IDecisionRecorder recorder, CloudSettings settings, TimeProvider time, ILogger<DecisionRecordingService> logger) : IHostedService
{
    /// <summary>The host name in the worker's host-start records.</summary>
    public static string HostName { get; } = "functions " + Environment.MachineName;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!recorder.Enabled)
        {
            LogOff(logger);
            return Task.CompletedTask;
        }

        recorder.Record(EventLogRecord.Of(new HostStart(time.GetUtcNow(), HostName, ImsFunctionSettingsJson.Serialize(settings.Functions))), HostName);
        LogOn(logger, settings.DecisionsHub ?? "(unnamed)");
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (recorder is not IAsyncDisposable disposable)
        {
            return;
        }

        try
        {
            // The host's shutdown timeout bounds the drain: a hub that does not answer must not hold the worker.
            await disposable.DisposeAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogUnsent(logger);
        }
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "the worker stopped before every decision record was sent: replay will lack the last decisions")]
    private static partial void LogUnsent(ILogger logger);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "IMS_DecisionsHub is not set: no decision records are published, so cloud replay will show steps without recorded decisions")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "publishing decision records to the {Hub} hub for replay")]
    private static partial void LogOn(ILogger logger, string hub);
}
