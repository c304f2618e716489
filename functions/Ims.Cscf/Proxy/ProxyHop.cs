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
    /// <summary>The branch of the Via this role pushes for <paramref name="request"/>; the same event always gives the same branch.</summary>
    public static string Branch(ImsRole role, SipMessage request) =>
        SipVia.MagicCookie + DerivedToken.Of(role.ToString(), request.TopVia?.Branch, request.CallId, request.First(SipHeaderKind.CSeq));

    /// <summary>An editor with this hop's Via pushed and Max-Forwards decremented (RFC 3261 16.6 steps 3 and 8).</summary>
    public static SipMessageEditor Forward(SipMessage request, ImsRole role, string local, SipTransport transport)
    {
        var editor = new SipMessageEditor(request);
        editor.AddFirst("Via", $"SIP/2.0/{transport.ToString().ToUpperInvariant()} {local};branch={Branch(role, request)}");
        editor.DecrementMaxForwards();
        return editor;
    }

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
    public static SipMessageEditor? Relay(SipMessage response, ImsRole role, SipMessage receivedRequest)
    {
        if (response.TopVia?.Branch is not { } branch || branch != Branch(role, receivedRequest))
        {
            return null;
        }

        var editor = new SipMessageEditor(response);
        editor.RemoveFirstValue(SipHeaderKind.Via);
        return editor;
    }

}
