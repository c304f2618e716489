namespace Ims.Hss.Subscribers;

/// <summary>
/// The SIP authentication schemes a private identity may use (TS 29.229 6.3.9
/// SIP-Authentication-Scheme; TS 33.203 6.1 for AKA, TS 24.229 for SIP Digest).
/// </summary>
[Flags]
public enum AuthSchemes
{
    None = 0,

    /// <summary>Digest-AKAv1-MD5 (RFC 3310).</summary>
    AkaV1Md5 = 1,

    /// <summary>Digest-AKAv2-MD5 (RFC 4169).</summary>
    AkaV2Md5 = 2,

    /// <summary>SIP Digest with MD5 (RFC 2617), carried as SIP-Digest-Authenticate (TS 29.229 6.3.36).</summary>
    DigestMd5 = 4,
}

/// <summary>Names of the schemes: short ones for tables and the CLI, and the Cx wire names.</summary>
public static class AuthSchemeNames
{
    public const string AkaV1Wire = "Digest-AKAv1-MD5";
    public const string AkaV2Wire = "Digest-AKAv2-MD5";

    /// <summary>TS 29.229 6.3.9: "SIP Digest"; "Digest-MD5" and "Digest" are what CSCFs send in practice.</summary>
    public const string DigestWire = "SIP Digest";

    private static readonly (AuthSchemes Scheme, string Name)[] Short =
    [
        (AuthSchemes.AkaV1Md5, "AKAv1-MD5"),
        (AuthSchemes.AkaV2Md5, "AKAv2-MD5"),
        (AuthSchemes.DigestMd5, "Digest-MD5"),
    ];

    /// <summary>"AKAv1-MD5 AKAv2-MD5 Digest-MD5" style list, in a fixed order.</summary>
    public static string Format(AuthSchemes schemes) =>
        string.Join(' ', Short.Where(s => (schemes & s.Scheme) != 0).Select(s => s.Name));

    /// <summary>Reads a list written by <see cref="Format"/>; unknown names are ignored.</summary>
    public static AuthSchemes Parse(string? text)
    {
        var result = AuthSchemes.None;
        foreach (var part in (text ?? string.Empty).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var (scheme, name) in Short)
            {
                if (string.Equals(part, name, StringComparison.OrdinalIgnoreCase))
                {
                    result |= scheme;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The scheme a SIP-Authentication-Scheme value asks for, or null when unknown. "Unknown" is
    /// what a CSCF sends when the UE gave no preference (TS 29.229 6.3.9): the caller picks.
    /// </summary>
    public static AuthSchemes? FromWire(string? value) => value?.Trim() switch
    {
        null or "" => AuthSchemes.None,
        var v when v.Equals("Unknown", StringComparison.OrdinalIgnoreCase) => AuthSchemes.None,
        var v when v.Equals(AkaV1Wire, StringComparison.OrdinalIgnoreCase) => AuthSchemes.AkaV1Md5,
        var v when v.Equals(AkaV2Wire, StringComparison.OrdinalIgnoreCase) => AuthSchemes.AkaV2Md5,
        var v when v.Equals(DigestWire, StringComparison.OrdinalIgnoreCase)
            || v.Equals("Digest-MD5", StringComparison.OrdinalIgnoreCase)
            || v.Equals("SIP-Digest", StringComparison.OrdinalIgnoreCase)
            || v.Equals("Digest", StringComparison.OrdinalIgnoreCase)
            || v.Equals("MD5", StringComparison.OrdinalIgnoreCase) => AuthSchemes.DigestMd5,
        _ => null,
    };

    public static string ToWire(AuthSchemes scheme) => scheme switch
    {
        AuthSchemes.AkaV1Md5 => AkaV1Wire,
        AuthSchemes.AkaV2Md5 => AkaV2Wire,
        AuthSchemes.DigestMd5 => DigestWire,
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "one scheme expected"),
    };
}
