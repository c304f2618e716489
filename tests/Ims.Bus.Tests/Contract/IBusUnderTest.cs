namespace Ims.Bus.Tests.Contract;

/// <summary>
/// One bus implementation wired for the contract suite: its publisher, its consumer side, and a way
/// to push bytes in as its transport would deliver them.
/// </summary>
public interface IBusUnderTest : IAsyncDisposable
{
    IEventBus Bus { get; }

    /// <summary>The functions side: every event.</summary>
    void SubscribeEvents(BusConsumer consumer);

    /// <summary>An edge: the commands that name it.</summary>
    void SubscribeCommands(string edgeId, BusConsumer consumer);

    /// <summary>Bytes arriving on the events side exactly as the transport would hand them over.</summary>
    ValueTask DeliverRawEventAsync(byte[] payload);

    /// <summary>Returns once everything published so far has been consumed or reported.</summary>
    ValueTask DrainAsync();
}
