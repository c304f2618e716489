using System.Security.Cryptography;
using System.Text;

namespace Ims.Aka.Digest;

/// <summary>H() and KD() of RFC 7616 3.4.1 over UTF-8 text, as lower-case hex.</summary>
internal static class DigestHashing
{
    public static string HashHex(DigestHash hash, ReadOnlySpan<byte> data) => hash switch
    {
        DigestHash.Md5 => Convert.ToHexStringLower(MD5.HashData(data)),
        DigestHash.Sha256 => Convert.ToHexStringLower(SHA256.HashData(data)),
        _ => throw new ArgumentOutOfRangeException(nameof(hash), hash, null),
    };

    public static string HashHex(DigestHash hash, string text) => HashHex(hash, Encoding.UTF8.GetBytes(text));

    public static int HexLength(DigestHash hash) => hash switch
    {
        DigestHash.Md5 => MD5.HashSizeInBytes * 2,
        DigestHash.Sha256 => SHA256.HashSizeInBytes * 2,
        _ => throw new ArgumentOutOfRangeException(nameof(hash), hash, null),
    };
}
