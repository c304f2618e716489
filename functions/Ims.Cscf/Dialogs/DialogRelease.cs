using System.Globalization;
using Ims.Cscf.Proxy;
using Ims.Events;
using Ims.Functions;
using Ims.Sip.Building;

namespace Ims.Cscf.Dialogs;

/// <summary>
/// The two BYEs with which a proxy on the path ends a confirmed call itself, one towards each user
/// (Kamailio's dlg_terminate): towards the callee as if from the caller, and towards the caller as if
/// from the callee, each along its part of the route set, with a Reason (RFC 3326) that says why.
/// </summary>
public static class DialogRelease
{
    /// <summary>Both BYEs, as commands for this role's edge.</summary>
    public static IReadOnlyList<OutgoingCommand> Commands(ConfirmedDialog dialog, ImsRole role, int cause, string why)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return [Towards(dialog, role, towardsCallee: true, cause, why), Towards(dialog, role, towardsCallee: false, cause, why)];
    }

    private static OutgoingCommand Towards(ConfirmedDialog dialog, ImsRole role, bool towardsCallee, int cause, string why)
    {
        // RFC 3261 12.2.1.1: the route set from the Record-Route entries on that side of this proxy,
        // nearest first; the remote target is that user's Contact.
        var routes = towardsCallee
            ? dialog.RecordRoute.Take(dialog.OwnRoute).Reverse().ToList()
            : dialog.RecordRoute.Skip(dialog.OwnRoute + 1).ToList();
        var target = towardsCallee ? dialog.CalleeContact : dialog.CallerContact;
        var side = towardsCallee ? "callee" : "caller";
        var branch = "z9hG4bK" + DerivedToken.Of("release", role.ToString(), dialog.CallId, side);
        var builder = new SipRequestBuilder("BYE", target)
            .Add("Via", $"SIP/2.0/UDP {dialog.Local};branch={branch}")
            .Add("Max-Forwards", "70");
        foreach (var route in routes)
        {
            builder.Add("Route", route);
        }

        // RFC 3261 12.2.1.1, 12.2.2: each BYE goes on in its sender's CSeq space, past the highest
        // request that side sent in the dialog, or the receiving UA refuses it with 500. The callee's
        // space is unknown until it sends a request here: the caller's UA then holds no remote
        // sequence number and takes any, so the INVITE's plus one stays as good as any.
        var sent = towardsCallee ? dialog.CallerCSeq ?? dialog.InviteCSeq : dialog.CalleeCSeq ?? dialog.InviteCSeq;
        var cseq = (sent + 1).ToString(CultureInfo.InvariantCulture);
        var message = builder
            .Add("From", towardsCallee ? dialog.CallerFrom : dialog.CalleeTo)
            .Add("To", towardsCallee ? dialog.CalleeTo : dialog.CallerFrom)
            .Add("Call-ID", dialog.CallId)
            .Add("CSeq", cseq + " BYE")
            .Add("Reason", string.Create(CultureInfo.InvariantCulture, $"SIP;cause={cause};text=\"{why.Replace("\"", "'", StringComparison.Ordinal)}\""))
            .ToArray();
        var nextHop = routes.Count > 0 && Ims.Sip.Headers.SipNameAddress.TryParse(routes[0], out var first, out _) ? first.Uri.Text : target;
        return new OutgoingCommand(new SendSipRequest(role, message, nextHop));
    }
}
