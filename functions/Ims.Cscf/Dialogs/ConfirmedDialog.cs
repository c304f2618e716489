using System.Globalization;
using System.Text.Json;
using Ims.Cscf.Registration;
using Ims.Sip;

namespace Ims.Cscf.Dialogs;

/// <summary>
/// What a proxy on the path of a call keeps of the dialog its INVITE's 2xx confirmed, so that it can
/// later end the call itself with a BYE each way (TS 32.299 6.3.8 when the credit is gone, TS 29.214
/// 4.4.6 when the bearer is lost): the dialog identifiers, both contacts, the Record-Route set as the
/// 2xx carried it, and which of its entries is this proxy's.
/// </summary>
/// <param name="OwnRoute">
/// The index in <paramref name="RecordRoute"/> of this proxy's entry. Entries before it lead towards
/// the callee, entries after it towards the caller (each proxy adds its entry on top, RFC 3261 16.6
/// step 4).
/// </param>
/// <param name="Local">This role's own address (host:port), for the Via of the requests it originates.</param>
/// <param name="CallerCSeq">
/// The highest CSeq of a request the caller sent in the dialog past this proxy; null (rows kept
/// before it was known) is the INVITE's.
/// </param>
/// <param name="CalleeCSeq">The highest CSeq of a request the callee sent in the dialog past this proxy; null while it sent none.</param>
public sealed partial record ConfirmedDialog(
    string CallId,
    string CallerFrom,
    string CalleeTo,
    string CallerContact,
    string CalleeContact,
    IReadOnlyList<string> RecordRoute,
    int OwnRoute,
    long InviteCSeq,
    string Local,
    long? CallerCSeq = null,
    long? CalleeCSeq = null)
{
    /// <summary>
    /// The dialog of a 2xx to an INVITE that passed this proxy, or null when the 2xx cannot make one
    /// (no To tag, no Contact on either side). Where one node holds both the originating and the
    /// terminating entry (one S-CSCF serving both users), <paramref name="originating"/> picks the
    /// entry nearer the caller.
    /// </summary>
    public static ConfirmedDialog? Of(SipMessage invite, SipMessage ok, string ownUri, string local, bool originating)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(ok);
        if (invite.CallId is not { } callId || invite.First(Ims.Sip.Parsing.SipHeaderKind.From) is not { } from
            || ok.To?.Tag is null || ok.First(Ims.Sip.Parsing.SipHeaderKind.To) is not { } to
            || invite.Contacts.FirstOrDefault()?.Address?.Uri.Text is not { } callerContact
            || ok.Contacts.FirstOrDefault()?.Address?.Uri.Text is not { } calleeContact
            || invite.CSeq is not { } cseq)
        {
            return null;
        }

        var routes = ok.RecordRoutes.Select(r => r.ToString()).ToList();
        var own = Ims.Sip.Uris.SipUri.Parse(ownUri).HostPort;
        var mine = ok.RecordRoutes.Select((r, i) => (r, i)).Where(x => string.Equals(x.r.Uri.HostPort, own, StringComparison.OrdinalIgnoreCase)).Select(x => x.i).ToList();
        if (mine.Count == 0)
        {
            return null;
        }

        return new ConfirmedDialog(callId, from, to, callerContact, calleeContact, routes, originating ? mine[^1] : mine[0], cseq.Number, local);
    }

    public string ToJson() => JsonSerializer.Serialize(this, CscfJsonContext.Default.ConfirmedDialog);

    public static ConfirmedDialog? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, CscfJsonContext.Default.ConfirmedDialog);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"dialog {CallId}");
}
