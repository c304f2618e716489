namespace Ims.Sip.Parsing;

/// <summary>
/// The tokenised start line (RFC 3261 7.1, 7.2): offsets into the message bytes. For a request,
/// Method and RequestUri are set and StatusCode is 0; for a response, StatusCode and Reason are set.
/// </summary>
public readonly record struct SipStartLine(
    bool IsRequest,
    int MethodStart,
    int MethodLength,
    int RequestUriStart,
    int RequestUriLength,
    int StatusCode,
    int ReasonStart,
    int ReasonLength,
    int Length);
