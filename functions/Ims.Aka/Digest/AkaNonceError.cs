namespace Ims.Aka.Digest;

/// <summary>Why a Digest AKA nonce could not be read (RFC 3310 3.2).</summary>
public enum AkaNonceError
{
    None = 0,

    /// <summary>The nonce is not base64.</summary>
    NotBase64,

    /// <summary>Fewer than 32 bytes: no room for RAND and AUTN.</summary>
    TooShort,

    /// <summary>A Cx SIP-Authenticate value that is not exactly RAND || AUTN (32 bytes).</summary>
    WrongLength,
}
