namespace Ims.Aka.Vectors;

/// <summary>
/// Where RAND comes from. Injected so handlers stay pure and replayable: production passes a
/// cryptographic source, tests and replay pass a fixed one.
/// </summary>
public interface IRandomSource
{
    /// <summary>Fills the destination with unpredictable bytes.</summary>
    void Fill(Span<byte> destination);
}
