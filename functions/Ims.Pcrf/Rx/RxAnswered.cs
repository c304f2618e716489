using Ims.Diameter.Messages;

namespace Ims.Pcrf.Rx;

/// <summary>An Rx request's answer and the sentence saying what the PCRF decided.</summary>
public sealed record RxAnswered(DiameterMessage Answer, string Decision);
