namespace Ims.Sip.Parsing;

/// <summary>
/// What <see cref="SipHeadParser"/> found: the start line, how many header fields it indexed,
/// where the body starts, and the Content-Length value (-1 when absent).
/// </summary>
public readonly record struct SipMessageHead(SipStartLine StartLine, int HeaderCount, int BodyStart, int ContentLength)
{
    public bool HasContentLength => ContentLength >= 0;
}
