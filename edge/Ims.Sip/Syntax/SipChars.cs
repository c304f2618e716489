using System.Buffers;

namespace Ims.Sip.Syntax;

/// <summary>Character classes of the RFC 3261 25.1 grammar, as immutable search tables.</summary>
internal static class SipChars
{
    // RFC 3261 25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    private const string TokenText = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

    public static readonly SearchValues<byte> TokenBytes = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"u8);

    public static readonly SearchValues<char> Token = SearchValues.Create(TokenText);

    // RFC 3261 25.1: word adds the separators a Call-ID may carry.
    public static readonly SearchValues<char> Word = SearchValues.Create(TokenText + "()<>:\\\"/[]?{}");

    public static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    public static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    // RFC 3261 25.1 scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    public static readonly SearchValues<char> SchemeChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    // Host names: alphanum, '-' and '.', per RFC 3261 25.1 hostname.
    public static readonly SearchValues<char> HostNameChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._");

    // An IPv6 reference's inside: hex digits, colons and an embedded IPv4 (RFC 3261 25.1 IPv6reference).
    public static readonly SearchValues<char> Ipv6Chars = SearchValues.Create("0123456789abcdefABCDEF:.");

    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    public static bool IsToken(ReadOnlySpan<char> s) => !s.IsEmpty && !s.ContainsAnyExcept(Token);
}
