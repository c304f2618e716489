using Ims.Cscf.Charging;
using Ims.Cscf.Dialogs;
using Ims.Cscf.Registration;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;

namespace Ims.Cscf.Scscf;

/// <summary>
/// The dialog a charged call keeps for its release when the credit is gone (TS 32.299 6.3.8) follows
/// the in-dialog requests and target refresh 2xx that pass the S-CSCF (see
/// <see cref="ConfirmedDialog.Refreshed"/>), so that both BYEs are still accepted. The row is written
/// only when the dialog changed: table writes are what bound the calls per second.
/// </summary>
public sealed partial class ScscfRegistrar
{
    /// <summary>An in-dialog request other than ACK, CANCEL and BYE (which <see cref="ChargedByeAsync"/> ends the session on), relayed as before.</summary>
    private async Task<FunctionOutcome> ChargedDialogRequestAsync(SipMessage request, FunctionOutcome forwarded, CancellationToken cancellationToken)
    {
        if (!Charging.Online || request.To?.Tag is null || request.Method is "ACK" or "CANCEL" or "BYE" || request.CallId is not { } callId)
        {
            return forwarded;
        }

        return await KeepDialogAsync(callId, d => d.Refreshed(request), forwarded, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A response to an in-dialog request, relayed: a 2xx to a re-INVITE or UPDATE may carry the answering side's new contact.</summary>
    private async Task<FunctionOutcome> ChargedDialogResponseAsync(RegisterState state, SipMessage request, FunctionOutcome relayed, CancellationToken cancellationToken)
    {
        if (!Charging.Online || request.Method is not ("INVITE" or "UPDATE") || request.CallId is not { } callId
            || relayed.Commands.Select(c => c.Message).OfType<SendSipResponse>().FirstOrDefault(s => s.TransactionId == state.TransactionId) is not { } sent
            || SipMessage.Parse(sent.Message).Message is not { IsRequest: false, StatusCode: >= 200 and < 300 } response)
        {
            return relayed;
        }

        return await KeepDialogAsync(callId, d => d.Answered(request, response), relayed, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FunctionOutcome> KeepDialogAsync(string callId, Func<ConfirmedDialog, ConfirmedDialog> refresh, FunctionOutcome outcome, CancellationToken cancellationToken)
    {
        // The row is replaced with the ETag it was read with, as the credit timer and its answers do;
        // one of them may come in between, and then the row is read again (their writes keep the dialog).
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await RoChargingSession.ReadAsync(_store, callId, cancellationToken).ConfigureAwait(false) is not { Dialog: { } dialog } session
                || refresh(dialog) is var next && ReferenceEquals(next, dialog))
            {
                return outcome;
            }

            if ((await _store.ReplaceAsync(RoChargingSession.Table, (session with { Dialog = next }).ToEntity(), cancellationToken).ConfigureAwait(false)).IsOk)
            {
                return outcome with { Decision = $"{outcome.Decision}; the dialog kept for release refreshed" };
            }
        }

        return outcome with { Decision = $"{outcome.Decision}; the charging session of {callId} changed twice meanwhile, its dialog not refreshed" };
    }
}
