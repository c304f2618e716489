namespace Ims.Replay.Replaying;

/// <summary>The clock of a replayed step: stopped at the time the recorded step sent its commands.</summary>
internal sealed class ReplayClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
