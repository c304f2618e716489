using System.Security.Cryptography;
using System.Text;

namespace Ims.Aka.Digest;

/// <summary>
/// The request-digest of RFC 2617 3.2.2.1 / RFC 7616 3.4.1, and its constant-time verification.
/// <code>
///   HA2      = H(method ":" digest-uri)
///   qop=auth: response = H(HA1 ":" nonce ":" nc ":" cnonce ":" "auth" ":" HA2)
///   no qop:   response = H(HA1 ":" nonce ":" HA2)
/// </code>
/// </summary>
public static class DigestResponse
{
    public static string Ha2(DigestHash hash, string method, string uri) => DigestHashing.HashHex(hash, $"{method}:{uri}");

    /// <summary>The expected response in lower-case hex.</summary>
    public static string Compute(DigestHa1 ha1, DigestResponseParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(ha1);
        ArgumentNullException.ThrowIfNull(parameters);
        var ha2 = Ha2(ha1.Hash, parameters.Method, parameters.Uri);
        var text = parameters.Qop switch
        {
            DigestQop.None => $"{ha1.Hex}:{parameters.Nonce}:{ha2}",
            DigestQop.Auth when parameters.Nc is not null && parameters.Cnonce is not null =>
                $"{ha1.Hex}:{parameters.Nonce}:{parameters.Nc}:{parameters.Cnonce}:auth:{ha2}",
            DigestQop.Auth => throw new ArgumentException("qop=auth needs nc and cnonce", nameof(parameters)),
            _ => throw new ArgumentOutOfRangeException(nameof(parameters), parameters.Qop, null),
        };
        return DigestHashing.HashHex(ha1.Hash, text);
    }

    /// <summary>
    /// Checks a UE's response. The comparison takes the same time wherever the first difference is,
    /// so the response cannot be found byte by byte; hex case is ignored.
    /// </summary>
    public static AkaResult<bool, DigestError> Verify(DigestHa1 ha1, DigestResponseParameters parameters, string? response)
    {
        ArgumentNullException.ThrowIfNull(ha1);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Qop == DigestQop.Auth && (string.IsNullOrEmpty(parameters.Nc) || string.IsNullOrEmpty(parameters.Cnonce)))
        {
            return AkaResult<bool, DigestError>.Failure(DigestError.MissingQopParameters, "qop=auth without nc or cnonce");
        }

        var length = DigestHashing.HexLength(ha1.Hash);
        if (response is null || response.Length != length || !DigestHa1.IsHex(response))
        {
            return AkaResult<bool, DigestError>.Failure(
                DigestError.MalformedResponse, $"response must be {length} hex digits");
        }

        var expected = Encoding.ASCII.GetBytes(Compute(ha1, parameters));
        var received = Encoding.ASCII.GetBytes(response.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, received)
            ? AkaResult<bool, DigestError>.Success(true)
            : AkaResult<bool, DigestError>.Failure(DigestError.WrongResponse, "response does not match");
    }
}
