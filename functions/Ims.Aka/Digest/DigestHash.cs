namespace Ims.Aka.Digest;

/// <summary>The hash H() of an HTTP Digest exchange (RFC 7616 3.2).</summary>
public enum DigestHash
{
    Md5,
    Sha256,
}
