using Ims.Events;

namespace Ims.Functions;

/// <summary>
/// An IMS function: registrar, I-CSCF selection, HSS Cx server, ... It takes one event and returns
/// exactly one outcome (the Sproutlet contract: forward, reject or defer — never nothing). It keeps no
/// state between calls: what it needs later travels in a <see cref="Continuation"/>, and what it must
/// remember goes to the table store.
/// </summary>
public interface IImsFunction
{
    /// <summary>A stable name, used in continuations and in replay output.</summary>
    string Name { get; }

    /// <summary>Whether this function takes the event (by message type, role and continuation handler).</summary>
    bool Accepts(BusEnvelope envelope);

    ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken);
}
