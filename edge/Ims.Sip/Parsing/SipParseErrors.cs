namespace Ims.Sip.Parsing;

/// <summary>Maps each <see cref="SipParseError"/> to its status code and a human reason.</summary>
public static class SipParseErrors
{
    /// <summary>The status code a UAS or proxy answers a request that failed this way with.</summary>
    public static int StatusCode(this SipParseError error) => error switch
    {
        SipParseError.None => 200,
        // RFC 3261 21.5.14: 513 Message Too Large covers every size limit we enforce.
        SipParseError.MessageTooLarge or SipParseError.TooManyHeaders or SipParseError.LineTooLong => 513,
        // RFC 3261 8.2.2.1 / 21.5.22 answer the protocol version with 505.
        SipParseError.UnsupportedVersion => 505,
        _ => 400,
    };

    /// <summary>A short reason phrase suitable for the response line and logs.</summary>
    public static string Describe(this SipParseError error) => error switch
    {
        SipParseError.None => "OK",
        SipParseError.Empty => "Empty message",
        SipParseError.MessageTooLarge => "Message too large",
        SipParseError.TooManyHeaders => "Too many header fields",
        SipParseError.LineTooLong => "Header line too long",
        SipParseError.MissingHeaderTerminator => "Header section not terminated by an empty line",
        SipParseError.MalformedStartLine => "Malformed start line",
        SipParseError.InvalidMethod => "Invalid method",
        SipParseError.InvalidRequestUri => "Invalid Request-URI",
        SipParseError.UnsupportedVersion => "SIP version not supported",
        SipParseError.InvalidStatusCode => "Invalid status code",
        SipParseError.MalformedHeader => "Malformed header field",
        SipParseError.InvalidContentLength => "Invalid Content-Length",
        SipParseError.ConflictingContentLength => "Conflicting Content-Length values",
        SipParseError.ContentLengthExceedsMessage => "Content-Length larger than the message",
        SipParseError.MissingContentLength => "Content-Length required on a stream transport",
        SipParseError.MissingRequiredHeader => "Missing required header field",
        SipParseError.DuplicateSingleValueHeader => "More than one value in a single-value header field",
        SipParseError.InvalidCSeq => "Invalid CSeq",
        SipParseError.CSeqMethodMismatch => "CSeq method does not match the request method",
        SipParseError.InvalidMaxForwards => "Invalid Max-Forwards",
        SipParseError.InvalidVia => "Invalid Via",
        SipParseError.InvalidAddress => "Invalid From or To",
        SipParseError.InvalidCallId => "Invalid Call-ID",
        SipParseError.InvalidContact => "Invalid Contact",
        SipParseError.InvalidDate => "Invalid Date",
        _ => error.ToString(),
    };
}
