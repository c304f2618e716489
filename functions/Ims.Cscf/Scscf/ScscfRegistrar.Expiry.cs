using Ims.Cscf.Cx;
using Ims.Cscf.Registration;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions;
using Ims.Storage;

namespace Ims.Cscf.Scscf;

public sealed partial class ScscfRegistrar
{
    private async Task<FunctionOutcome> TimerAsync(BusEnvelope envelope, TimerFired fired, CancellationToken cancellationToken)
    {
        if (fired.TimerId.StartsWith(ChallengeTimerPrefix, StringComparison.Ordinal))
        {
            var keys = fired.TimerId[ChallengeTimerPrefix.Length..].Split('|');
            if (keys.Length == 2)
            {
                await _store.DeleteAsync(Challenge.Table, keys[0], keys[1], ETag.Any, cancellationToken).ConfigureAwait(false);
            }

            return FunctionOutcome.Of($"challenge {fired.TimerId[ChallengeTimerPrefix.Length..]} lapsed unanswered; forgotten");
        }

        if (ExpiryTimer.FromPayload(fired.Payload) is not { } timer)
        {
            return FunctionOutcome.Of($"timer {fired.TimerId} has an unreadable payload; ignored");
        }

        var rows = await RegistrarBindings.ReadAsync(_store, timer.Aor, cancellationToken).ConfigureAwait(false);
        var row = RegistrarBindings.ContactRow(timer.Contact);
        var binding = rows.FirstOrDefault(r => r.RowKey == row);
        if (binding is null)
        {
            return FunctionOutcome.Of($"{timer.Aor} {timer.Contact} already gone");
        }

        if (binding.GetDateTimeOffset("ExpiresAt") is { } expiresAt && expiresAt > envelope.Time)
        {
            return FunctionOutcome.Of($"{timer.Aor} {timer.Contact} was refreshed; kept until {expiresAt:O}");
        }

        var others = RegistrarBindings.LiveContacts(rows, envelope.Time).Count(r => r.RowKey != row);
        var operations = new List<TableOperation> { TableOperation.Delete(timer.Partition, row, binding.ETag) };
        if (others > 0)
        {
            await _store.ExecuteBatchAsync(RegistrarBindings.Table, operations, cancellationToken).ConfigureAwait(false);
            return FunctionOutcome.Of($"{timer.Aor} {timer.Contact} expired; {others} contact(s) remain");
        }

        // TS 24.229 5.4.1.5 (network-initiated de-registration on expiry): the HSS is told with SAR TIMEOUT_DEREGISTRATION.
        if (rows.FirstOrDefault(r => r.RowKey == RegistrarBindings.ProfileRow) is { } profile)
        {
            operations.Add(TableOperation.Delete(timer.Partition, RegistrarBindings.ProfileRow, profile.ETag));
        }

        await _store.ExecuteBatchAsync(RegistrarBindings.Table, operations, cancellationToken).ConfigureAwait(false);
        var impi = timer.Impi ?? binding.GetString("Impi") ?? string.Empty;
        var sar = CxRequest.Sar(_options, fired.TimerId, impi, timer.Aor, ServerAssignmentType.TimeoutDeregistration);
        var state = new RegisterState(string.Empty, [], string.Empty, SipTransport.Udp, string.Empty, impi, timer.Aor);
        return FunctionOutcome.Of(
            $"{timer.Aor} {timer.Contact} expired, the last contact: SAR TIMEOUT_DEREGISTRATION",
            CxRequest.Command(sar, state.ToContinuation(Name, "timeout-saa")));
    }

    private static FunctionOutcome TimeoutSaa(BusEnvelope envelope, DiameterAnswerReceived received)
    {
        var state = RegisterState.From(envelope.Continuation);
        var answer = CxAnswer.Of(received);
        return FunctionOutcome.Of($"HSS told of {state?.Impu}'s expiry: {answer.Outcome}");
    }
}
