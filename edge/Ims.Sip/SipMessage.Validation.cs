using System.Globalization;
using Ims.Sip.Headers;
using Ims.Sip.Parsing;
using Ims.Sip.Uris;

namespace Ims.Sip;

// The header rules a message must keep to be processed (RFC 3261 8.1.1, 8.2.2, 20; RFC 4475 3.1.2, 3.3).
public sealed partial class SipMessage
{
    private static readonly SipHeaderKind[] SingleValue =
        [SipHeaderKind.CallId, SipHeaderKind.CSeq, SipHeaderKind.From, SipHeaderKind.To, SipHeaderKind.MaxForwards];

    private (SipParseError Error, string? Detail) Validate()
    {
        // RFC 3261 8.1.1: To, From, CSeq, Call-ID and Via are mandatory; Max-Forwards is added by a
        // proxy when an RFC 2543 element left it out (RFC 4475 3.4.1), so it is not required here.
        foreach (var (kind, name) in new[]
                 {
                     (SipHeaderKind.Via, "Via"), (SipHeaderKind.From, "From"), (SipHeaderKind.To, "To"),
                     (SipHeaderKind.CallId, "Call-ID"), (SipHeaderKind.CSeq, "CSeq"),
                 })
        {
            if (Count(kind) == 0)
            {
                return (SipParseError.MissingRequiredHeader, name);
            }
        }

        // RFC 4475 3.3.8: more than one value in a header that takes one.
        foreach (var kind in SingleValue)
        {
            if (Count(kind) > 1)
            {
                return (SipParseError.DuplicateSingleValueHeader, SipHeaderNames.CanonicalName(kind));
            }
        }

        if (First(SipHeaderKind.CallId) is not { } callId || callId.Length == 0 || callId.AsSpan().IndexOfAny(" \t\r\n,") >= 0)
        {
            return (SipParseError.InvalidCallId, null);
        }

        if (CSeq is not { } cseq)
        {
            return (SipParseError.InvalidCSeq, First(SipHeaderKind.CSeq));
        }

        if (IsRequest && !string.Equals(cseq.Method, Method, StringComparison.Ordinal))
        {
            // RFC 4475 3.1.2.17/18; an ACK or CANCEL carries its own method in CSeq too (RFC 3261 17.1.1.3, 9.1).
            return (SipParseError.CSeqMethodMismatch, $"{Method} vs CSeq {cseq.Method}");
        }

        if (First(SipHeaderKind.MaxForwards) is { } maxForwards
            && (!int.TryParse(maxForwards.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var hops) || hops > 255))
        {
            return (SipParseError.InvalidMaxForwards, maxForwards);
        }

        foreach (var (kind, label) in new[] { (SipHeaderKind.From, "From"), (SipHeaderKind.To, "To") })
        {
            if (!SipNameAddress.TryParse(First(kind)!, out _, out var why))
            {
                return (SipParseError.InvalidAddress, $"{label}: {why}");
            }
        }

        if (Values(SipHeaderKind.Via) is not { } vias)
        {
            return (SipParseError.InvalidVia, "unbalanced quotes or brackets");
        }

        foreach (var via in vias)
        {
            if (!SipVia.TryParse(via, out _, out var why))
            {
                return (SipParseError.InvalidVia, why);
            }
        }

        if (Values(SipHeaderKind.Contact) is not { } contacts)
        {
            return (SipParseError.InvalidContact, "unbalanced quotes or brackets");
        }

        foreach (var contact in contacts)
        {
            if (!SipContact.TryParse(contact, out _, out var why))
            {
                return (SipParseError.InvalidContact, why);
            }
        }

        foreach (var kind in new[] { SipHeaderKind.Route, SipHeaderKind.RecordRoute, SipHeaderKind.Path })
        {
            foreach (var value in Values(kind) ?? [string.Empty])
            {
                if (!SipNameAddress.TryParse(value, out _, out var why))
                {
                    return (SipParseError.InvalidAddress, $"{SipHeaderNames.CanonicalName(kind)}: {why}");
                }
            }
        }

        if (IsRequest)
        {
            if (!SipUri.TryParse(RequestUriText, out var uri, out var why))
            {
                return (SipParseError.InvalidRequestUri, why);
            }

            // RFC 3261 19.1.5: headers are not allowed in a Request-URI (RFC 4475 3.1.2.11).
            if (uri.IsSip && uri.Headers is not null)
            {
                return (SipParseError.InvalidRequestUri, "headers in the Request-URI");
            }
        }

        // RFC 3261 20.17: SIP-date is always GMT (RFC 4475 3.1.2.12).
        if (First(SipHeaderKind.Date) is { } date && !date.TrimEnd().EndsWith(" GMT", StringComparison.Ordinal))
        {
            return (SipParseError.InvalidDate, date);
        }

        return (SipParseError.None, null);
    }
}
