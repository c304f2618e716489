using Ims.Sip;
using Ims.Sip.Headers;

namespace Ims.Cscf.Dialogs;

/// <summary>
/// A confirmed dialog kept up to date by the in-dialog requests that pass the proxy, so that its
/// release BYEs are still accepted at both ends: each side's CSeq goes up with every request it sends
/// (RFC 3261 12.2.1.1), and a UA answers a request with a lower one than it last saw from that side
/// with 500 (12.2.2); a target refresh request (re-INVITE, RFC 3261 12.2.1.2; UPDATE, RFC 3311 5.1)
/// may move its sender's contact, and its 2xx the other side's.
/// </summary>
public sealed partial record ConfirmedDialog
{
    /// <summary>
    /// The dialog after <paramref name="request"/> passed: the sender's highest CSeq, and its contact
    /// when the request refreshes the target. The same instance when nothing changed (so a caller
    /// writes its row only for a change), and for ACK and CANCEL (which repeat the CSeq of the request
    /// they go with, RFC 3261 13.2.2.4, 9.1), BYE (the dialog ends) and requests of other dialogs.
    /// </summary>
    public ConfirmedDialog Refreshed(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method is "ACK" or "CANCEL" or "BYE" || FromCaller(request) is not { } fromCaller || request.CSeq is not { } cseq)
        {
            return this;
        }

        var contact = IsTargetRefresh(request) ? request.Contacts.FirstOrDefault()?.Address?.Uri.Text : null;
        var next = fromCaller
            ? this with
            {
                CallerCSeq = cseq.Number > (CallerCSeq ?? InviteCSeq) ? cseq.Number : CallerCSeq,
                CallerContact = contact ?? CallerContact,
            }
            : this with
            {
                CalleeCSeq = CalleeCSeq is { } known && known >= cseq.Number ? known : cseq.Number,
                CalleeContact = contact ?? CalleeContact,
            };
        return next == this ? this : next;
    }

    /// <summary>
    /// The dialog after <paramref name="response"/> to <paramref name="request"/> passed: a 2xx to a
    /// target refresh request carries the answering side's new contact (RFC 3261 12.2.1.2, RFC 3311
    /// 5.1). The request itself is counted too, so a lost request event is made good. The same
    /// instance when nothing changed.
    /// </summary>
    public ConfirmedDialog Answered(SipMessage request, SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var seen = Refreshed(request);
        if (response.StatusCode is not (>= 200 and < 300) || !IsTargetRefresh(request) || FromCaller(request) is not { } fromCaller
            || response.Contacts.FirstOrDefault()?.Address?.Uri.Text is not { } contact)
        {
            return seen;
        }

        var next = fromCaller ? seen with { CalleeContact = contact } : seen with { CallerContact = contact };
        return next == this ? this : next;
    }

    private static bool IsTargetRefresh(SipMessage request) => request.Method is "INVITE" or "UPDATE";

    /// <summary>
    /// Whether a request of this dialog comes from the caller (true) or the callee (false), told by its
    /// tags (RFC 3261 12.2.2: the dialog is matched by Call-ID and both tags); null for a request of
    /// another dialog, such as another fork's, or the initial INVITE, which has no To tag.
    /// </summary>
    private bool? FromCaller(SipMessage request)
    {
        if (request.CallId != CallId || request.From?.Tag is not { } from || request.To?.Tag is not { } to
            || TagOf(CallerFrom) is not { } caller || TagOf(CalleeTo) is not { } callee)
        {
            return null;
        }

        if (from == caller && to == callee)
        {
            return true;
        }

        return from == callee && to == caller ? false : null;
    }

    private static string? TagOf(string nameAddress) => SipNameAddress.TryParse(nameAddress, out var address, out _) ? address.Tag : null;
}
