namespace Ims.Sip.Parsing;

/// <summary>
/// One entry of the header index: where a header field's name and value sit in the message
/// bytes, and its kind. The value range excludes leading and trailing whitespace but keeps folded
/// line breaks (RFC 3261 7.3.1), which typed parsers treat as whitespace.
/// </summary>
public readonly record struct SipHeaderField(SipHeaderKind Kind, int NameStart, int NameLength, int ValueStart, int ValueLength)
{
    /// <summary>Offset just past the value (before the line's CRLF).</summary>
    public int ValueEnd => ValueStart + ValueLength;
}
