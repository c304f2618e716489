using System.Security.Cryptography;
using System.Text;

namespace Ims.Cscf.Proxy;

/// <summary>
/// Tokens (Via branches, To tags, icid values) derived from what the request already holds rather
/// than drawn at random: a handler stays a pure function of its event, so replay re-creates the same
/// messages byte for byte. The inputs are unique per transaction (the upstream branch, Call-ID, CSeq),
/// which is what RFC 3261 16.11 relies on for a stateless proxy's branch.
/// </summary>
internal static class DerivedToken
{
    public static string Of(params string?[] parts)
    {
        var text = string.Join('\u001f', parts.Select(p => p ?? string.Empty));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..12]);
    }
}
