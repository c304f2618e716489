namespace Ims.Aka.Digest;

/// <summary>Why Digest input was refused. A SIP registrar answers these with 400 or a fresh 401.</summary>
public enum DigestError
{
    None = 0,

    /// <summary>A stored HA1 is not hex of the hash's length.</summary>
    MalformedHa1,

    /// <summary>The response is not hex of the hash's length (RFC 2617 3.2.2: request-digest = 32LHEX).</summary>
    MalformedResponse,

    /// <summary>qop=auth without nc or cnonce (RFC 2617 3.2.2).</summary>
    MissingQopParameters,

    /// <summary>The response is well formed but wrong: wrong password, RES, nonce or request.</summary>
    WrongResponse,
}
