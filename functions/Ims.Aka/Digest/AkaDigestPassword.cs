using System.Security.Cryptography;
using System.Text;

namespace Ims.Aka.Digest;

/// <summary>The Digest password of an AKA run (RFC 3310 3.4, RFC 4169 3).</summary>
public static class AkaDigestPassword
{
    // RFC 4169 3: the fixed PRF input for AKAv2.
    private static ReadOnlySpan<byte> AkaV2Label => "http-digest-akav2-password"u8;

    /// <summary>AKAv1-MD5: the password is RES as raw bytes, not hex; it may hold NUL bytes.</summary>
    public static byte[] AkaV1(ReadOnlySpan<byte> res) => res.ToArray();

    /// <summary>
    /// AKAv2-MD5: the password is the base64 text of HMAC-MD5(key = RES || IK || CK,
    /// "http-digest-akav2-password"); these are its ASCII bytes.
    /// </summary>
    public static byte[] AkaV2(ReadOnlySpan<byte> res, ReadOnlySpan<byte> ik, ReadOnlySpan<byte> ck)
    {
        var key = new byte[res.Length + ik.Length + ck.Length];
        res.CopyTo(key);
        ik.CopyTo(key.AsSpan(res.Length));
        ck.CopyTo(key.AsSpan(res.Length + ik.Length));
        var mac = HMACMD5.HashData(key, AkaV2Label);
        CryptographicOperations.ZeroMemory(key);
        return Encoding.ASCII.GetBytes(Convert.ToBase64String(mac));
    }
}
