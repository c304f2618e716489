using Ims.Diameter.Messages;

namespace Ims.Ocs.CreditControl;

/// <summary>A CCR's answer and the one sentence saying what the OCS decided, e.g. "CCA-I 2001: granted 60 s to sip:alice@...".</summary>
public sealed record CreditControlAnswered(DiameterMessage Answer, string Decision);
