using Ims.Events;
using Ims.Functions;
using Ims.Sip;
using Ims.Sip.Building;
using Ims.Sip.Uris;

namespace Ims.Cscf.Proxy;

/// <summary>
/// Routing a request by its Route set (RFC 3261 16.4, 16.6 step 7; RFC 3608 for Service-Route):
/// when the top Route names this element it is popped, and the request goes to the next Route, or
/// to the Request-URI when none is left. In-dialog requests (ACK, BYE, re-INVITE, UPDATE, PRACK)
/// follow the Record-Route set the UAs learnt this way.
/// </summary>
internal static class LooseRouting
{
    public static bool TopRouteIsOwn(SipMessage request, params string[] ownUris) =>
        request.Routes is [var top, ..] && ownUris.Any(own => SipUri.TryParse(own, out var uri, out _) && SameHost(top.Uri, uri));

    /// <summary>The top Route's user part ("orig" marks the originating side of the S-CSCF, TS 24.229 5.4.3.2).</summary>
    public static string? TopRouteUser(SipMessage request) => request.Routes is [var top, ..] ? top.Uri.User : null;

    /// <summary>Where the request goes once this element's own Route entry is popped.</summary>
    public static string NextHop(SipMessage request, bool popped)
    {
        var remaining = popped ? request.Routes.Skip(1) : request.Routes;
        return remaining.FirstOrDefault()?.Uri.Text ?? request.RequestUriText;
    }

    /// <summary>Forwards along the Route set, this element's entry popped, with its Via and, for a dialog-forming request, its Record-Route.</summary>
    public static OutgoingCommand Forward(SipRequestReceived received, SipMessage request, ImsRole role, string ownUri, Continuation continuation, bool recordRoute = false)
    {
        var editor = ProxyHop.Forward(request, role, received.Local, SipTransport.Udp);
        var popped = ProxyHop.PopOwnRoute(editor, request, ownUri, "sip:" + received.Local);
        if (recordRoute)
        {
            AddRecordRoute(editor, ownUri);
        }

        return new OutgoingCommand(new ForwardSipRequest(received.TransactionId, editor.ToArray(), NextHop(request, popped)), continuation);
    }

    /// <summary>
    /// Puts a route set (a Service-Route, RFC 3608, or a contact's Path, RFC 3327) above the request's
    /// own Route headers, in order; the request then goes to its first entry, or to
    /// <paramref name="otherwise"/> when the set is empty.
    /// </summary>
    public static string PushRoutes(SipMessageEditor editor, IReadOnlyList<string> routes, string otherwise)
    {
        foreach (var route in routes.Reverse())
        {
            editor.AddBefore(Ims.Sip.Parsing.SipHeaderKind.Route, "Route", route);
        }

        return routes.Count > 0 && Ims.Sip.Headers.SipNameAddress.TryParse(routes[0], out var first, out _) ? first.Uri.Text : otherwise;
    }

    /// <summary>RFC 3261 16.6 step 4: stay on the path of the dialog (TS 24.229 5.2.6.3.3, 5.4.3.2).</summary>
    public static void AddRecordRoute(SipMessageEditor editor, string ownUri)
    {
        var uri = SipUri.Parse(ownUri);
        editor.AddFirst("Record-Route", $"<sip:{uri.HostPort};lr>");
    }

    private static bool SameHost(SipUri a, SipUri b) =>
        string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && (a.Port ?? 5060) == (b.Port ?? 5060);
}
