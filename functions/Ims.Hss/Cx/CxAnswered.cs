using Ims.Diameter.Messages;

namespace Ims.Hss.Cx;

/// <summary>
/// A Cx request's answer and the one sentence that says what the HSS decided, e.g.
/// "MAA: 1 Digest-AKAv1-MD5 vector, SQN 000000000021". The sentence goes to the event log and
/// operator output, so it names identities, results and SQNs but never keys, vectors or HA1.
/// </summary>
public sealed record CxAnswered(DiameterMessage Answer, string Decision);
