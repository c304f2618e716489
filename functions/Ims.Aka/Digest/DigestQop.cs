namespace Ims.Aka.Digest;

/// <summary>The quality of protection of a Digest response (RFC 2617 3.2.2).</summary>
public enum DigestQop
{
    /// <summary>No qop: the RFC 2069 form, response = H(HA1:nonce:HA2).</summary>
    None,

    /// <summary>qop=auth: response = H(HA1:nonce:nc:cnonce:auth:HA2).</summary>
    Auth,
}
