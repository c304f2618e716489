using Ims.Bus;
using Ims.Diameter.Codec;
using Ims.Diameter.Peers.Requests;
using Ims.Events;
using Microsoft.Extensions.Logging;

namespace Ims.Edge.Core;

/// <summary>
/// Carries out the commands addressed to this edge. It resumes what is suspended, sends what it is
/// told to send, and reports results back as events with the continuation it was given; it makes no
/// decision of its own.
/// </summary>
public sealed partial class CommandExecutor(
    IEventBus bus,
    EnvelopeStamp stamp,
    SuspendedWork<byte[]> diameterAnswers,
    EdgeTimers timers,
    Func<Ims.Diameter.Messages.DiameterMessage, CancellationToken, Task<DiameterRequestOutcome>>? sendDiameterRequest,
    ILogger logger)
{
    /// <summary>SIP commands go to the SIP core once it is attached (the CSCF roles).</summary>
    public Func<BusEnvelope, CancellationToken, ValueTask<bool>>? SipCommands { get; set; }

    public async ValueTask ExecuteAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        switch (envelope.Message)
        {
            case SendDiameterAnswer answer:
                if (!diameterAnswers.Resume(envelope.Correlation, answer.Message))
                {
                    LogLateCommand(logger, envelope.Type, envelope.Correlation);
                }

                break;
            case SendDiameterRequest request:
                // The answer is awaited off the bus: a command partition blocked on a peer would hold up
                // every other command that hashes to it, including the HSS's own answer to this request.
                _ = SendDiameterRequestAsync(envelope, request, CancellationToken.None);
                break;
            case ScheduleTimer schedule:
                timers.Schedule(schedule, envelope.PartitionKey);
                break;
            case CancelTimer cancel:
                timers.Cancel(cancel.TimerId);
                break;
            default:
                if (SipCommands is null || !await SipCommands(envelope, cancellationToken).ConfigureAwait(false))
                {
                    LogUnroutable(logger, envelope.Type, envelope.Correlation);
                }

                break;
        }
    }

    private async Task SendDiameterRequestAsync(BusEnvelope envelope, SendDiameterRequest request, CancellationToken cancellationToken)
    {
        DiameterAnswerReceived result;
        var decoded = DiameterDecoder.Decode(request.Message);
        if (sendDiameterRequest is null || decoded.Message is null)
        {
            result = new DiameterAnswerReceived(null, DiameterDeliveryFailure.NoRoute);
        }
        else
        {
            var outcome = await sendDiameterRequest(decoded.Message, cancellationToken).ConfigureAwait(false);
            result = outcome.Kind switch
            {
                DiameterRequestOutcomeKind.Answered => new DiameterAnswerReceived(DiameterEncoder.Encode(outcome.Answer!), null),
                DiameterRequestOutcomeKind.TimedOut => new DiameterAnswerReceived(null, DiameterDeliveryFailure.Timeout),
                DiameterRequestOutcomeKind.NoRoute => new DiameterAnswerReceived(null, DiameterDeliveryFailure.NoRoute),
                _ => new DiameterAnswerReceived(null, DiameterDeliveryFailure.PeerDown),
            };
        }

        // The continuation goes back untouched: it is how the function resumes (DESIGN: events, commands, continuations).
        try
        {
            await bus.PublishAsync(stamp.Envelope(envelope.PartitionKey, envelope.Correlation, result, envelope.Continuation), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // Shutting down: the bus no longer takes events; the transaction ends with the edge.
            LogLateCommand(logger, envelope.Type, envelope.Correlation);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "{Type} for {Correlation} arrived after its deadline; dropped")]
    private static partial void LogLateCommand(ILogger logger, string type, string correlation);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{Type} for {Correlation} has no handler on this edge; dropped")]
    private static partial void LogUnroutable(ILogger logger, string type, string correlation);
}
