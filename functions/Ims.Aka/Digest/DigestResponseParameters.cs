namespace Ims.Aka.Digest;

/// <summary>
/// What a Digest response covers besides HA1 (RFC 2617 3.2.2): the request's method and
/// digest-uri, the server nonce, and with qop=auth the nonce count and client nonce.
/// </summary>
/// <param name="Nc">Nonce count, 8 hex digits as the client sent it; required with qop=auth.</param>
/// <param name="Cnonce">Client nonce; required with qop=auth.</param>
public sealed record DigestResponseParameters(
    string Method,
    string Uri,
    string Nonce,
    DigestQop Qop = DigestQop.None,
    string? Nc = null,
    string? Cnonce = null);
