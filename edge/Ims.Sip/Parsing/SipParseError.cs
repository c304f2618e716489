namespace Ims.Sip.Parsing;

/// <summary>
/// Why a SIP message was refused. Each reason maps to the status code a UAS or proxy answers
/// with (<see cref="SipParseErrors.StatusCode"/>); a response that fails is silently dropped instead
/// (RFC 3261 16.7, 18.1.2), which is the caller's choice, not the parser's.
/// </summary>
public enum SipParseError
{
    None = 0,
    Empty,
    MessageTooLarge,
    TooManyHeaders,
    LineTooLong,
    MissingHeaderTerminator,
    MalformedStartLine,
    InvalidMethod,
    InvalidRequestUri,
    UnsupportedVersion,
    InvalidStatusCode,
    MalformedHeader,
    InvalidContentLength,
    ConflictingContentLength,
    ContentLengthExceedsMessage,
    MissingContentLength,
    MissingRequiredHeader,
    DuplicateSingleValueHeader,
    InvalidCSeq,
    CSeqMethodMismatch,
    InvalidMaxForwards,
    InvalidVia,
    InvalidAddress,
    InvalidCallId,
    InvalidContact,
    InvalidDate,
}
