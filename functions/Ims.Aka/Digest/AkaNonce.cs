using System.Text;
using Ims.Aka.Milenage;
using Ims.Aka.Vectors;

namespace Ims.Aka.Digest;

/// <summary>
/// The nonce of a Digest AKA challenge: base64(RAND || AUTN || server-data) (RFC 3310 3.2).
/// RAND and AUTN travel in clear to the UE, so nothing here is secret.
/// </summary>
public sealed record AkaNonce
{
    public AkaNonce(ReadOnlySpan<byte> rand, ReadOnlySpan<byte> autn, ReadOnlySpan<byte> serverData = default)
    {
        if (rand.Length != MilenageAlgorithm.RandLength || autn.Length != Vectors.Autn.Length)
        {
            throw new ArgumentException($"RAND and AUTN must be {MilenageAlgorithm.RandLength} and {Vectors.Autn.Length} bytes");
        }

        Rand = rand.ToArray();
        Autn = autn.ToArray();
        ServerData = serverData.ToArray();
    }

    public ReadOnlyMemory<byte> Rand { get; }

    public ReadOnlyMemory<byte> Autn { get; }

    /// <summary>Optional opaque bytes the server appended (e.g. to bind the nonce to its own state).</summary>
    public ReadOnlyMemory<byte> ServerData { get; }

    public static AkaNonce FromVector(AuthenticationVector vector, ReadOnlySpan<byte> serverData = default)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return new AkaNonce(vector.Rand.Span, vector.Autn.Span, serverData);
    }

    /// <summary>
    /// The nonce for a Cx SIP-Authenticate value RAND || AUTN (TS 29.229 6.3.9). The value comes from
    /// an HSS, possibly a third-party one, so a wrong length is a typed failure.
    /// </summary>
    public static AkaResult<AkaNonce, AkaNonceError> FromSipAuthenticate(ReadOnlySpan<byte> randAutn, ReadOnlySpan<byte> serverData = default)
    {
        const int length = MilenageAlgorithm.RandLength + Vectors.Autn.Length;
        if (randAutn.Length != length)
        {
            return AkaResult<AkaNonce, AkaNonceError>.Failure(
                AkaNonceError.WrongLength, $"SIP-Authenticate holds {randAutn.Length} bytes, RAND || AUTN is {length}");
        }

        return AkaResult<AkaNonce, AkaNonceError>.Success(
            new AkaNonce(randAutn[..MilenageAlgorithm.RandLength], randAutn[MilenageAlgorithm.RandLength..], serverData));
    }

    /// <summary>The nonce parameter value (base64, with padding).</summary>
    public string Encode()
    {
        var bytes = new byte[Rand.Length + Autn.Length + ServerData.Length];
        Rand.Span.CopyTo(bytes);
        Autn.Span.CopyTo(bytes.AsSpan(Rand.Length));
        ServerData.Span.CopyTo(bytes.AsSpan(Rand.Length + Autn.Length));
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Reads a nonce back into RAND, AUTN and server data, e.g. the one a UE echoes in Authorization.</summary>
    public static AkaResult<AkaNonce, AkaNonceError> Decode(string? nonce)
    {
        var text = nonce ?? string.Empty;
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return AkaResult<AkaNonce, AkaNonceError>.Failure(AkaNonceError.NotBase64, "nonce is not base64");
        }

        const int minimum = MilenageAlgorithm.RandLength + Vectors.Autn.Length;
        if (written < minimum)
        {
            return AkaResult<AkaNonce, AkaNonceError>.Failure(
                AkaNonceError.TooShort, $"nonce holds {written} bytes, RAND || AUTN needs {minimum}");
        }

        var bytes = buffer.AsSpan(0, written);
        return AkaResult<AkaNonce, AkaNonceError>.Success(new AkaNonce(
            bytes[..MilenageAlgorithm.RandLength],
            bytes.Slice(MilenageAlgorithm.RandLength, Vectors.Autn.Length),
            bytes[minimum..]));
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Rand = ").Append(Convert.ToHexStringLower(Rand.Span))
            .Append(", Autn = ").Append(Convert.ToHexStringLower(Autn.Span))
            .Append(", ServerData = ").Append(Convert.ToHexStringLower(ServerData.Span));
        return true;
    }
}
