using Ims.Events;
using Ims.Sip;
using Ims.Sip.Building;
using Ims.Sip.Headers;
using Ims.Sip.Parsing;

namespace Ims.Cscf.Proxy;

/// <summary>
/// The proxy steps every CSCF takes on a request it forwards and on the responses that come back
/// (RFC 3261 16.6 and 16.7): its own Via on top, Max-Forwards less one, its own Route entry popped;
/// on the way back, its Via removed.
/// </summary>
internal static class ProxyHop
{
    /// <summary>
    /// The branch of the Via this role pushes for <paramref name="request"/>; the same event always
    /// gives the same branch. RFC 3261 16.6 step 8: a unique part (from the upstream branch, and the
    /// attempt when the request is sent on again after a silent next hop) and, after a dot, a
    /// loop-detection part computed from what a loop leaves unchanged (16.3 step 4).
    /// </summary>
    public static string Branch(ImsRole role, SipMessage request, int attempt = 0) =>
        SipVia.MagicCookie
        + DerivedToken.Of(role.ToString(), request.TopVia?.Branch, request.CallId, request.First(SipHeaderKind.CSeq), attempt == 0 ? null : attempt.ToString(System.Globalization.CultureInfo.InvariantCulture))
        + "." + LoopToken(request);

    /// <summary>
    /// RFC 3261 16.3 step 4: the request carries a Via of this element whose loop-detection part is
    /// what this element would compute now, so it has come back unchanged (a loop, answered 482);
    /// a spiral (say, back from an application server with a new Route) computes a different part.
    /// </summary>
    public static bool Loops(SipMessage request, string local)
    {
        var token = "." + LoopToken(request);
        return request.Vias.Skip(1).Any(v => string.Equals(v.SentBy, local, StringComparison.OrdinalIgnoreCase)
            && v.Branch is { } branch && branch.EndsWith(token, StringComparison.Ordinal));
    }

    /// <summary>An editor with this hop's Via pushed and Max-Forwards decremented (RFC 3261 16.6 steps 3 and 8).</summary>
    public static SipMessageEditor Forward(SipMessage request, ImsRole role, string local, SipTransport transport, int attempt = 0)
    {
        var editor = new SipMessageEditor(request);
        editor.AddFirst("Via", $"SIP/2.0/{transport.ToString().ToUpperInvariant()} {local};branch={Branch(role, request, attempt)}");
        editor.DecrementMaxForwards();
        return editor;
    }

    // RFC 3261 16.6 step 8: Request-URI, top Route, From tag, Call-ID and CSeq number.
    private static string LoopToken(SipMessage request) =>
        DerivedToken.Of("loop", request.RequestUriText, request.First(SipHeaderKind.Route), request.From?.Tag, request.CallId, request.CSeq?.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))[..16];

    /// <summary>
    /// Pops the top Route when it names this element (RFC 3261 16.4: a loose router removes its own
    /// entry); the UE's preloaded route to its P-CSCF is one such entry (TS 24.229 5.1.1.2).
    /// </summary>
    public static bool PopOwnRoute(SipMessageEditor editor, SipMessage request, params string[] ownUris)
    {
        if (!LooseRouting.TopRouteIsOwn(request, ownUris))
        {
            return false;
        }

        editor.RemoveFirstValue(SipHeaderKind.Route);
        return true;
    }

    /// <summary>A response to relay upstream: our Via removed (RFC 3261 16.7 step 3). Null when the top Via is not ours.</summary>
    public static SipMessageEditor? Relay(SipMessage response, ImsRole role, SipMessage receivedRequest, int attempt = 0)
    {
        if (response.TopVia?.Branch is not { } branch || branch != Branch(role, receivedRequest, attempt))
        {
            return null;
        }

        var editor = new SipMessageEditor(response);
        editor.RemoveFirstValue(SipHeaderKind.Via);
        return editor;
    }

}
