using Ims.Aka.Vectors;

namespace Ims.Aka.Tests.Vectors;

/// <summary>A random source whose n-th draw is every byte = n, so each draw differs and is predictable.</summary>
internal sealed class SteppingRandomSource : IRandomSource
{
    public int Calls { get; private set; }

    public void Fill(Span<byte> destination)
    {
        Calls++;
        destination.Fill((byte)Calls);
    }
}
