using Ims.Aka.Vectors;

namespace Ims.Replay.Replaying;

/// <summary>
/// The randomness of a replayed step (RAND of an authentication vector): a fixed byte, so that replay
/// is repeatable. The recorded RAND cannot be reused meaningfully without K, which the log never holds.
/// </summary>
internal sealed class FixedRandomSource : IRandomSource
{
    public byte Value { get; set; }

    public void Fill(Span<byte> destination) => destination.Fill(Value);
}
