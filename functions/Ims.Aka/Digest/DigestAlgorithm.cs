namespace Ims.Aka.Digest;

/// <summary>
/// The algorithm parameter of a Digest challenge. The AKA variants are MD5 Digest with a password
/// derived from the AKA run (RFC 3310 3.4, RFC 4169 3).
/// </summary>
public enum DigestAlgorithm
{
    /// <summary>"MD5", RFC 2617 / RFC 7616.</summary>
    Md5,

    /// <summary>"SHA-256", RFC 7616.</summary>
    Sha256,

    /// <summary>"AKAv1-MD5", RFC 3310: password = RES.</summary>
    AkaV1Md5,

    /// <summary>"AKAv2-MD5", RFC 4169: password = base64(HMAC-MD5(RES || IK || CK, "http-digest-akav2-password")).</summary>
    AkaV2Md5,
}
