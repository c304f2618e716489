using System.Text;
using Ims.Aka.Vectors;

namespace Ims.Aka.Digest;

/// <summary>
/// HA1 = H(username ":" realm ":" password) (RFC 2617 3.2.2.2, RFC 7616 3.4.2): what an HSS stores
/// for a Digest subscriber instead of the password, and what an S-CSCF derives from XRES (and IK, CK)
/// for Digest AKA. It is password-equivalent, so ToString never shows it.
/// </summary>
public sealed record DigestHa1
{
    private DigestHa1(DigestHash hash, string hex)
    {
        Hash = hash;
        Hex = hex;
    }

    public DigestHash Hash { get; }

    /// <summary>Lower-case hex, as stored and as it enters the response.</summary>
    public string Hex { get; }

    /// <summary>HA1 from a text password (UTF-8, RFC 7616 3.4.4).</summary>
    public static DigestHa1 FromPassword(DigestHash hash, string username, string realm, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return FromPassword(hash, username, realm, Encoding.UTF8.GetBytes(password));
    }

    /// <summary>HA1 from password bytes, which for AKAv1 are RES and may contain NUL (RFC 3310 3.4).</summary>
    public static DigestHa1 FromPassword(DigestHash hash, string username, string realm, ReadOnlySpan<byte> password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(realm);
        var prefix = Encoding.UTF8.GetBytes($"{username}:{realm}:");
        var input = new byte[prefix.Length + password.Length];
        prefix.CopyTo(input, 0);
        password.CopyTo(input.AsSpan(prefix.Length));
        return new DigestHa1(hash, DigestHashing.HashHex(hash, input));
    }

    /// <summary>HA1 of Digest AKA from RES (or XRES), IK and CK for AKAv1-MD5 or AKAv2-MD5.</summary>
    public static DigestHa1 ForAka(
        DigestAlgorithm algorithm, string username, string realm, ReadOnlySpan<byte> res, ReadOnlySpan<byte> ik, ReadOnlySpan<byte> ck)
    {
        var password = algorithm switch
        {
            DigestAlgorithm.AkaV1Md5 => AkaDigestPassword.AkaV1(res),
            DigestAlgorithm.AkaV2Md5 => AkaDigestPassword.AkaV2(res, ik, ck),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not a Digest AKA algorithm"),
        };
        return FromPassword(DigestHash.Md5, username, realm, password);
    }

    /// <summary>HA1 for the S-CSCF's check of a Digest AKA response against an HSS vector.</summary>
    public static DigestHa1 ForAka(DigestAlgorithm algorithm, string username, string realm, AuthenticationVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return ForAka(algorithm, username, realm, vector.Xres.Span, vector.Ik.Span, vector.Ck.Span);
    }

    /// <summary>Reads a stored HA1; a wrong length or non-hex text is a typed failure.</summary>
    public static AkaResult<DigestHa1, DigestError> Parse(DigestHash hash, string? hex)
    {
        var length = DigestHashing.HexLength(hash);
        if (hex is null || hex.Length != length || !IsHex(hex))
        {
            return AkaResult<DigestHa1, DigestError>.Failure(
                DigestError.MalformedHa1, $"HA1 must be {length} hex digits for {hash}");
        }

        return AkaResult<DigestHa1, DigestError>.Success(new DigestHa1(hash, hex.ToLowerInvariant()));
    }

    internal static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Hash = ").Append(Hash).Append(", Hex = [redacted]");
        return true;
    }
}
