using Ims.Aka.Vectors;

namespace Ims.Aka.Tests.Vectors;

/// <summary>A random source that hands out the given bytes, so a vector can be checked against a test set.</summary>
internal sealed class FixedRandomSource(byte[] bytes) : IRandomSource
{
    public int Calls { get; private set; }

    public void Fill(Span<byte> destination)
    {
        Calls++;
        bytes.AsSpan(0, destination.Length).CopyTo(destination);
    }
}
