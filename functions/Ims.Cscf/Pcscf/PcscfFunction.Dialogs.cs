using Ims.Cscf.Dialogs;
using Ims.Cscf.Proxy;
using Ims.Cscf.Registration;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;

namespace Ims.Cscf.Pcscf;

/// <summary>
/// The confirmed dialog an Rx row keeps for a release ordered by the PCRF, kept current by the
/// in-dialog requests and target refresh 2xx that pass (see <see cref="ConfirmedDialog.Refreshed"/>).
/// A row is written only when its dialog changed: table writes are what bound the calls per second.
/// </summary>
public sealed partial class PcscfFunction
{
    // The 2xx of a target refresh request without a new offer: only the contact it may carry matters.
    private const string TargetStep = "rx-target";

    /// <summary>
    /// The Rx rows of the call of an in-dialog request other than ACK, CANCEL and BYE, with their
    /// dialogs refreshed by it; none when Rx is off or the call has none. One P-CSCF holding both sides
    /// sees the request twice; the second pass changes nothing and writes nothing.
    /// </summary>
    private async Task<IReadOnlyList<RxSessionRow>> InDialogRowsAsync(SipMessage request, CancellationToken cancellationToken)
    {
        if (!_options.RxEnabled || _options.PcscfDiameterHost is null || request.Method is "ACK" or "CANCEL" or "BYE" || request.CallId is not { } callId)
        {
            return [];
        }

        var (rows, _) = await RefreshDialogsAsync(callId, d => d.Refreshed(request), cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>The call's Rx rows with their dialogs refreshed, each written only when it changed, and how many were.</summary>
    private async Task<(IReadOnlyList<RxSessionRow> Rows, int Changed)> RefreshDialogsAsync(string callId, Func<ConfirmedDialog, ConfirmedDialog> refresh, CancellationToken cancellationToken)
    {
        var rows = await PcscfRxSessions.OfCallAsync(_store, callId, cancellationToken).ConfigureAwait(false);
        var refreshed = new List<RxSessionRow>(rows.Count);
        var changed = 0;
        foreach (var row in rows)
        {
            var updated = WithDialog(row, refresh);
            if (updated != row)
            {
                await PcscfRxSessions.UpdateAsync(_store, updated, cancellationToken).ConfigureAwait(false);
                changed++;
            }

            refreshed.Add(updated);
        }

        return (refreshed, changed);
    }

    private static RxSessionRow WithDialog(RxSessionRow row, Func<ConfirmedDialog, ConfirmedDialog> refresh) =>
        row.Dialog is { } dialog && refresh(dialog) is var next && !ReferenceEquals(next, dialog) ? row with { Dialog = next } : row;

    /// <summary>
    /// The continuation of a re-INVITE or UPDATE without a new offer in a call whose dialog is kept
    /// here: its 2xx may carry the other side's new contact. Other requests need no response of theirs.
    /// </summary>
    private Continuation? TargetContinuation(SipRequestReceived received, SipMessage request, IReadOnlyList<RxSessionRow> rows) =>
        request.Method is "INVITE" or "UPDATE" && rows.Any(r => r.Dialog is not null) ? RegisterState.Of(received).ToContinuation(Name, TargetStep) : null;

    /// <summary>The 2xx to a target refresh request without a new offer: relayed, and the answering side's contact kept.</summary>
    private async Task<FunctionOutcome> TargetResponseAsync(BusEnvelope envelope, SipResponseReceived received, CancellationToken cancellationToken)
    {
        var relayed = ResponseRelay.Relay(envelope, received, ImsRole.Pcscf);
        if (!RegisterState.TryResume(envelope.Continuation, out _, out var request)
            || SipMessage.Parse(received.Message).Message is not { IsRequest: false, StatusCode: >= 200 and < 300 } response
            || request.CallId is not { } callId
            || !relayed.Commands.Any(c => c.Message is SendSipResponse))
        {
            return relayed;
        }

        var (_, changed) = await RefreshDialogsAsync(callId, d => d.Answered(request, response), cancellationToken).ConfigureAwait(false);
        return changed == 0 ? relayed : relayed with { Decision = $"{relayed.Decision}; the {request.Method}'s {response.StatusCode} refreshed the dialog kept for release" };
    }
}
