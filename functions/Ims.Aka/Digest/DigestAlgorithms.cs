namespace Ims.Aka.Digest;

/// <summary>The header tokens of <see cref="DigestAlgorithm"/> and the hash each one uses.</summary>
public static class DigestAlgorithms
{
    public static string Token(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => "MD5",
        DigestAlgorithm.Sha256 => "SHA-256",
        DigestAlgorithm.AkaV1Md5 => "AKAv1-MD5",
        DigestAlgorithm.AkaV2Md5 => "AKAv2-MD5",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>Reads an algorithm token; RFC 7616 3.3 and RFC 3310 3.1 compare them case-insensitively.</summary>
    public static bool TryParse(string? token, out DigestAlgorithm algorithm)
    {
        foreach (var candidate in Enum.GetValues<DigestAlgorithm>())
        {
            if (string.Equals(token, Token(candidate), StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = default;
        return false;
    }

    public static DigestHash Hash(DigestAlgorithm algorithm) =>
        algorithm == DigestAlgorithm.Sha256 ? DigestHash.Sha256 : DigestHash.Md5;
}
