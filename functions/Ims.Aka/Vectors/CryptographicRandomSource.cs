using System.Security.Cryptography;

namespace Ims.Aka.Vectors;

/// <summary>
/// The production RAND source: the operating system's CSPRNG. TS 33.102 6.3.2 requires RAND to be
/// unpredictable, so never substitute System.Random here.
/// </summary>
public sealed class CryptographicRandomSource : IRandomSource
{
    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
