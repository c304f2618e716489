namespace Ims.Events;

/// <summary>
/// What a handler needs to resume after an asynchronous step (Kamailio's t_suspend/t_continue, made
/// serialisable): which handler, at which step, with its own opaque state. The edge stores it with the
/// request it sends and hands it back, untouched, with the answer; handlers stay stateless.
/// </summary>
public sealed record Continuation(string Handler, string Step, string State);
