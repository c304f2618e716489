using Ims.Sip.Parsing;

namespace Ims.Sip;

/// <summary>Which headers may be combined into comma-separated lists (RFC 3261 7.3.1 and each header's grammar).</summary>
internal static class SipHeaderLists
{
    public static bool IsList(SipHeaderKind kind) => kind is
        SipHeaderKind.Via or SipHeaderKind.Contact or SipHeaderKind.Route or SipHeaderKind.RecordRoute
        or SipHeaderKind.Path or SipHeaderKind.ServiceRoute or SipHeaderKind.PAssertedIdentity
        or SipHeaderKind.PAssociatedUri or SipHeaderKind.PPreferredIdentity or SipHeaderKind.Supported
        or SipHeaderKind.Require or SipHeaderKind.ProxyRequire or SipHeaderKind.Unsupported or SipHeaderKind.Allow
        or SipHeaderKind.AllowEvents or SipHeaderKind.Accept or SipHeaderKind.AcceptContact or SipHeaderKind.RejectContact
        or SipHeaderKind.SecurityClient or SipHeaderKind.SecurityServer or SipHeaderKind.SecurityVerify
        or SipHeaderKind.ContentEncoding;
}
