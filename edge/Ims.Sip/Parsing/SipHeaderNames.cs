using System.Text;

namespace Ims.Sip.Parsing;

/// <summary>
/// The names of the header fields in <see cref="SipHeaderKind"/>: long forms and the compact
/// forms of RFC 3261 7.3.3 (and the RFCs that added letters later). Names compare case-insensitively.
/// </summary>
public static class SipHeaderNames
{
    private static readonly (SipHeaderKind Kind, string Name, char Compact)[] Table =
    [
        (SipHeaderKind.Accept, "Accept", '\0'),
        (SipHeaderKind.AcceptContact, "Accept-Contact", 'a'), // RFC 3841
        (SipHeaderKind.Allow, "Allow", '\0'),
        (SipHeaderKind.AllowEvents, "Allow-Events", 'u'), // RFC 6665
        (SipHeaderKind.Authorization, "Authorization", '\0'),
        (SipHeaderKind.CallId, "Call-ID", 'i'),
        (SipHeaderKind.Contact, "Contact", 'm'),
        (SipHeaderKind.ContentDisposition, "Content-Disposition", '\0'),
        (SipHeaderKind.ContentEncoding, "Content-Encoding", 'e'),
        (SipHeaderKind.ContentLength, "Content-Length", 'l'),
        (SipHeaderKind.ContentType, "Content-Type", 'c'),
        (SipHeaderKind.CSeq, "CSeq", '\0'),
        (SipHeaderKind.Date, "Date", '\0'),
        (SipHeaderKind.Event, "Event", 'o'), // RFC 6665
        (SipHeaderKind.Expires, "Expires", '\0'),
        (SipHeaderKind.From, "From", 'f'),
        (SipHeaderKind.Identity, "Identity", 'y'), // RFC 4474
        (SipHeaderKind.IdentityInfo, "Identity-Info", 'n'), // RFC 4474
        (SipHeaderKind.MaxForwards, "Max-Forwards", '\0'),
        (SipHeaderKind.MinExpires, "Min-Expires", '\0'),
        (SipHeaderKind.PAccessNetworkInfo, "P-Access-Network-Info", '\0'),
        (SipHeaderKind.PAssertedIdentity, "P-Asserted-Identity", '\0'),
        (SipHeaderKind.PAssociatedUri, "P-Associated-URI", '\0'),
        (SipHeaderKind.Path, "Path", '\0'),
        (SipHeaderKind.PChargingFunctionAddresses, "P-Charging-Function-Addresses", '\0'),
        (SipHeaderKind.PChargingVector, "P-Charging-Vector", '\0'),
        (SipHeaderKind.PPreferredIdentity, "P-Preferred-Identity", '\0'),
        (SipHeaderKind.ProxyAuthenticate, "Proxy-Authenticate", '\0'),
        (SipHeaderKind.ProxyAuthorization, "Proxy-Authorization", '\0'),
        (SipHeaderKind.ProxyRequire, "Proxy-Require", '\0'),
        (SipHeaderKind.PVisitedNetworkId, "P-Visited-Network-ID", '\0'),
        (SipHeaderKind.RecordRoute, "Record-Route", '\0'),
        (SipHeaderKind.ReferredBy, "Referred-By", 'b'), // RFC 3892
        (SipHeaderKind.ReferTo, "Refer-To", 'r'), // RFC 3515
        (SipHeaderKind.RejectContact, "Reject-Contact", 'j'), // RFC 3841
        (SipHeaderKind.RequestDisposition, "Request-Disposition", 'd'), // RFC 3841
        (SipHeaderKind.Require, "Require", '\0'),
        (SipHeaderKind.RetryAfter, "Retry-After", '\0'),
        (SipHeaderKind.Route, "Route", '\0'),
        (SipHeaderKind.SecurityClient, "Security-Client", '\0'),
        (SipHeaderKind.SecurityServer, "Security-Server", '\0'),
        (SipHeaderKind.SecurityVerify, "Security-Verify", '\0'),
        (SipHeaderKind.Server, "Server", '\0'),
        (SipHeaderKind.ServiceRoute, "Service-Route", '\0'),
        (SipHeaderKind.SessionExpires, "Session-Expires", 'x'), // RFC 4028
        (SipHeaderKind.Subject, "Subject", 's'),
        (SipHeaderKind.Supported, "Supported", 'k'),
        (SipHeaderKind.To, "To", 't'),
        (SipHeaderKind.Unsupported, "Unsupported", '\0'),
        (SipHeaderKind.UserAgent, "User-Agent", '\0'),
        (SipHeaderKind.Via, "Via", 'v'),
        (SipHeaderKind.WwwAuthenticate, "WWW-Authenticate", '\0'),
    ];

    // Candidates grouped by name length so classification compares only names that can match.
    private static readonly (byte[] Name, SipHeaderKind Kind)[][] ByLength = BuildByLength();
    private static readonly SipHeaderKind[] ByCompact = BuildByCompact();
    private static readonly string[] Canonical = BuildCanonical();

    /// <summary>The kind of a header field name (ASCII bytes), or <see cref="SipHeaderKind.Unknown"/>.</summary>
    public static SipHeaderKind Classify(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            var c = name[0] | 0x20;
            return c is >= 'a' and <= 'z' ? ByCompact[c - 'a'] : SipHeaderKind.Unknown;
        }

        if (name.Length >= ByLength.Length)
        {
            return SipHeaderKind.Unknown;
        }

        foreach (var (candidate, kind) in ByLength[name.Length])
        {
            if ((candidate[0] | 0x20) == (name[0] | 0x20) && System.Text.Ascii.EqualsIgnoreCase(candidate, name))
            {
                return kind;
            }
        }

        return SipHeaderKind.Unknown;
    }

    /// <summary>The kind of a header field name given as text.</summary>
    public static SipHeaderKind Classify(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> bytes = stackalloc byte[Math.Min(name.Length, 64)];
        if (name.Length > 64 || Encoding.ASCII.GetBytes(name, bytes) != name.Length)
        {
            return SipHeaderKind.Unknown;
        }

        return Classify(bytes);
    }

    /// <summary>The long form of a known header name, as RFCs spell it.</summary>
    public static string CanonicalName(SipHeaderKind kind) => Canonical[(int)kind];

    private static (byte[], SipHeaderKind)[][] BuildByLength()
    {
        var max = Table.Max(t => t.Name.Length);
        var groups = new List<(byte[], SipHeaderKind)>[max + 1];
        for (var i = 0; i <= max; i++)
        {
            groups[i] = [];
        }

        foreach (var (kind, name, _) in Table)
        {
            groups[name.Length].Add((Encoding.ASCII.GetBytes(name), kind));
        }

        return [.. groups.Select(g => g.ToArray())];
    }

    private static SipHeaderKind[] BuildByCompact()
    {
        var result = new SipHeaderKind[26];
        foreach (var (kind, _, compact) in Table)
        {
            if (compact != '\0')
            {
                result[compact - 'a'] = kind;
            }
        }

        return result;
    }

    private static string[] BuildCanonical()
    {
        var result = new string[Enum.GetValues<SipHeaderKind>().Length];
        result[0] = string.Empty;
        foreach (var (kind, name, _) in Table)
        {
            result[(int)kind] = name;
        }

        return result;
    }
}
