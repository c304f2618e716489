using Ims.Events;

namespace Ims.Functions;

/// <summary>The commands one event produced, wrapped in envelopes, and what was decided, by whom.</summary>
public sealed record DispatchResult(string Function, string Decision, IReadOnlyList<BusEnvelope> Commands, bool Redelivery);
