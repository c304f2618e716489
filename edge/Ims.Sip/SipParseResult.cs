using Ims.Sip.Parsing;

namespace Ims.Sip;

/// <summary>
/// The outcome of parsing: a message, an error, or both — a message that frames and tokenises but
/// breaks a header rule is returned with its error, so that a proxy can still answer it (the 400
/// needs its Via, From, To, Call-ID and CSeq) or pass it on where the RFC allows.
/// </summary>
public readonly record struct SipParseResult(SipMessage? Message, SipParseError Error, string? Detail)
{
    public bool IsValid => Error == SipParseError.None && Message is not null;

    /// <summary>The status a request that failed this way is answered with (400, 505, 513 ...).</summary>
    public int StatusCode => Error.StatusCode();

    /// <summary>One line naming the fault, for the reason phrase or a Warning header.</summary>
    public string Reason => Detail is null ? Error.Describe() : $"{Error.Describe()}: {Detail}";
}
