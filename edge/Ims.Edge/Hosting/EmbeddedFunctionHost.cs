using Ims.Bus;
using Ims.EventLog;
using Ims.EventLog.Store;
using Ims.Events;
using Ims.Functions;
using Microsoft.Extensions.Logging;

namespace Ims.Edge.Hosting;

/// <summary>
/// The embedded host of the functions: takes every event from the in-process bus, runs the dispatcher,
/// publishes the commands, and records the event, the decision and the commands in the event log
/// (the same record replay reads).
/// </summary>
public sealed partial class EmbeddedFunctionHost(FunctionDispatcher dispatcher, IEventBus bus, EventLogWriter? log, ILogger logger)
{
    public async ValueTask ConsumeAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        log?.Append(EventLogRecord.Of(envelope));
        DispatchResult result;
        IReadOnlyList<StoreCall>? reads = null;
        try
        {
            // The store calls of this event (its reads, with what they returned) go into its decision
            // record: replay serves them to the handler again instead of today's tables.
            using var journal = log is null ? null : StoreCallJournal.Begin();
            result = await dispatcher.DispatchAsync(envelope, cancellationToken).ConfigureAwait(false);
            reads = journal?.Calls;
        }
        catch (Exception ex)
        {
            // The bus redelivers (a store may have been briefly unreachable); after its last attempt the
            // event stays unanswered and the edge's deadline answers the peer.
            LogFunctionFailed(logger, ex, envelope.Type, envelope.Correlation);
            throw;
        }

        log?.Append(EventLogRecord.Of(new FunctionDecision(envelope.Id, envelope.Time, result.Function, result.Decision, result.Commands.Select(c => c.Id).ToList(), reads)));
        if (envelope.Message is DiameterRequestReceived)
        {
            // A Diameter server transaction (HSS, PCRF, OCS) is answered by this one decision: its info line.
            LogAnswered(logger, result.Function, envelope.Correlation, result.Decision);
        }
        else
        {
            // SIP transactions get their info line from the edge when they end; the steps are detail.
            LogDecision(logger, result.Function, envelope.Correlation, result.Decision);
        }
        foreach (var command in result.Commands)
        {
            log?.Append(EventLogRecord.Of(command));
            await bus.PublishAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "{Function} {Correlation}: {Decision}")]
    private static partial void LogDecision(ILogger logger, string function, string correlation, string decision);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "{Function} {Correlation}: {Decision}")]
    private static partial void LogAnswered(ILogger logger, string function, string correlation, string decision);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "function failed on {Type} {Correlation}")]
    private static partial void LogFunctionFailed(ILogger logger, Exception exception, string type, string correlation);
}
