using System.Globalization;
using Ims.Functions;

namespace Ims.Replay.Replaying;

/// <summary>
/// Envelope ids for a replayed step: the ids its recorded commands had, in order, so that an
/// unchanged handler yields byte-identical envelopes; past those, ids that say they are new.
/// </summary>
internal sealed class RecordedIds : IEnvelopeIds
{
    private readonly Queue<string> _ids = new();
    private int _extra;

    public void Load(IEnumerable<string> ids)
    {
        _ids.Clear();
        _extra = 0;
        foreach (var id in ids)
        {
            _ids.Enqueue(id);
        }
    }

    public string Next() => _ids.TryDequeue(out var id) ? id : "replay-new-" + (++_extra).ToString(CultureInfo.InvariantCulture);
}
