namespace Ims.EventLog.Store;

/// <summary>
/// The store calls made while one event is handled. The host opens a journal around the dispatch;
/// it flows with the async call chain of that event only, so concurrent events never mix their calls.
/// </summary>
public sealed class StoreCallJournal : IDisposable
{
    private static readonly AsyncLocal<StoreCallJournal?> CurrentJournal = new();
    private readonly List<StoreCall> _calls = [];
    private readonly StoreCallJournal? _outer;

    private StoreCallJournal()
    {
        _outer = CurrentJournal.Value;
    }

    /// <summary>The journal of the event being handled on this async flow, if any.</summary>
    public static StoreCallJournal? Current => CurrentJournal.Value;

    public IReadOnlyList<StoreCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public static StoreCallJournal Begin()
    {
        var journal = new StoreCallJournal();
        CurrentJournal.Value = journal;
        return journal;
    }

    public void Add(StoreCall call)
    {
        // A handler may read two rows at once (Task.WhenAll): the list is shared by those calls.
        lock (_calls)
        {
            _calls.Add(call);
        }
    }

    public void Dispose() => CurrentJournal.Value = _outer;
}
