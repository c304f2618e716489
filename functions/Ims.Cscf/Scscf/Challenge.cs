using Ims.Aka.Digest;
using Ims.Storage;

namespace Ims.Cscf.Scscf;

/// <summary>
/// An outstanding challenge of the S-CSCF (TS 24.229 5.4.1.2.1, reg-await-auth): the nonce sent in
/// the 401 and the HA1 the answer must be computed with. For Digest AKA the HA1 is derived from XRES
/// (and IK, CK for AKAv2) at once, so neither XRES nor the keys are kept (RFC 3310 3.4, RFC 4169).
/// Table ScscfChallenge: partition = IMPI, row = nonce; used once, then deleted.
/// </summary>
internal sealed record Challenge(string Impi, string Nonce, DigestAlgorithm Algorithm, string Realm, string Ha1, string Impu, DateTimeOffset ExpiresAt)
{
    public const string Table = "ScscfChallenge";

    public string Partition => TableKey.Encode(Impi);

    public string Row => TableKey.Encode(Nonce);

    public TableEntity ToEntity() =>
        new(Partition, Row, new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Impi"] = Impi,
            ["Nonce"] = Nonce,
            ["Algorithm"] = DigestAlgorithms.Token(Algorithm),
            ["Realm"] = Realm,
            ["Ha1"] = Ha1,
            ["Impu"] = Impu,
            ["ExpiresAt"] = ExpiresAt,
        });

    public static Challenge? From(TableEntity entity) =>
        entity.GetString("Impi") is { } impi
        && entity.GetString("Nonce") is { } nonce
        && DigestAlgorithms.TryParse(entity.GetString("Algorithm"), out var algorithm)
        && entity.GetString("Realm") is { } realm
        && entity.GetString("Ha1") is { } ha1
        && entity.GetDateTimeOffset("ExpiresAt") is { } expiresAt
            ? new Challenge(impi, nonce, algorithm, realm, ha1, entity.GetString("Impu") ?? string.Empty, expiresAt)
            : null;

    /// <summary>The WWW-Authenticate value of the 401 (RFC 3310 3.3, TS 24.229 5.4.1.2.1).</summary>
    public string WwwAuthenticate(bool stale, ReadOnlySpan<byte> ck, ReadOnlySpan<byte> ik)
    {
        var value = $"Digest realm=\"{Realm}\", nonce=\"{Nonce}\", algorithm={DigestAlgorithms.Token(Algorithm)}, qop=\"auth\"";
        if (stale)
        {
            // RFC 2617 3.2.1: the old nonce was unknown or expired, not the credentials wrong.
            value += ", stale=TRUE";
        }

        if (!ck.IsEmpty && !ik.IsEmpty)
        {
            // TS 24.229 5.4.1.2.1: CK and IK for the P-CSCF, which removes them before the UE sees the 401.
            value += $", ck=\"{Convert.ToHexStringLower(ck)}\", ik=\"{Convert.ToHexStringLower(ik)}\"";
        }

        return value;
    }
}
