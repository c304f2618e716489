using Ims.Bus;
using Ims.EventLog;
using Ims.EventLog.Store;
using Ims.Events;
using Ims.Functions.Azure.Decisions;
using Microsoft.Extensions.Logging;

namespace Ims.Functions.Azure.Bus;

/// <summary>
/// What every bus entry of the worker does with one event: dispatch it to the functions (the same
/// <see cref="FunctionDispatcher"/> ims up uses) and publish the commands back on the bus, addressed
/// to the edge that sent the event. A redelivered event is answered from the dispatcher's memory and
/// its commands are published again with the same ids (the first publish may be what failed); the
/// edge drops a command id it has already carried out. Each decision, with the store calls the
/// function made, goes to the decision recorder for replay, as the embedded host logs it.
/// </summary>
public sealed class EnvelopeHandler(FunctionDispatcher dispatcher, IEventBus commands, IDecisionRecorder decisions, ILogger<EnvelopeHandler> logger)
{
    private readonly FunctionDispatcher _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
    private readonly IEventBus _commands = commands ?? throw new ArgumentNullException(nameof(commands));
    private readonly IDecisionRecorder _decisions = decisions ?? throw new ArgumentNullException(nameof(decisions));
    private readonly ILogger<EnvelopeHandler> _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    /// <summary>Throws when the function or the publish fails, so that the bus delivers the event again.</summary>
    public async ValueTask<DispatchResult> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Message.IsCommand)
        {
            // Commands are for edges; one reaching the functions is a wiring fault, reported and not retried.
            _logger.LogWarning("command {Type} {Id} for edge {Edge} reached the functions; ignored", envelope.Type, envelope.Id, envelope.EdgeId);
            return new DispatchResult("none", $"{envelope.Type} is a command, not an event", [], false);
        }

        DispatchResult result;
        IReadOnlyList<StoreCall>? calls = null;
        // The store calls of this event only (an async-flow journal), read back by replay as the state the handler saw.
        using (var journal = _decisions.Enabled ? StoreCallJournal.Begin() : null)
        {
            result = await _dispatcher.DispatchAsync(envelope, cancellationToken).ConfigureAwait(false);
            calls = journal?.Calls;
        }

        if (!result.Redelivery)
        {
            // Before the commands are published: a failed publish redelivers the event, which is then
            // answered from memory with no store calls, and such a record would tell replay nothing was read.
            Record(envelope, result, calls);
        }

        foreach (var command in result.Commands)
        {
            await _commands.PublishAsync(command, cancellationToken).ConfigureAwait(false);
        }

        _logger.LogInformation(
            "{Type} {Id} from {Edge}: {Function} decided \"{Decision}\", {Count} command(s){Redelivery}",
            envelope.Type, envelope.Id, envelope.EdgeId, result.Function, result.Decision, result.Commands.Count, result.Redelivery ? " (redelivery)" : "");
        return result;
    }

    private void Record(BusEnvelope envelope, DispatchResult result, IReadOnlyList<StoreCall>? calls)
    {
        if (!_decisions.Enabled)
        {
            return;
        }

        try
        {
            var decision = new FunctionDecision(envelope.Id, envelope.Time, result.Function, result.Decision, [.. result.Commands.Select(c => c.Id)], calls);
            _decisions.Record(EventLogRecord.Of(decision), envelope.PartitionKey);
        }
        catch (Exception ex)
        {
            // Recording is for replay; the event is answered whatever happens to its record.
            _logger.LogWarning(ex, "decision record of {Type} {Id} not kept", envelope.Type, envelope.Id);
        }
    }

    /// <summary>This handler as a bus consumer.</summary>
    public BusConsumer AsConsumer() => async (envelope, cancellationToken) => await HandleAsync(envelope, cancellationToken).ConfigureAwait(false);
}
