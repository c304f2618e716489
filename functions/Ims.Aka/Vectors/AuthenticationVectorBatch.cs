using Ims.Aka.Sequence;

namespace Ims.Aka.Vectors;

/// <summary>
/// Vectors for one Cx MAA (TS 29.228 6.3.3 SIP-Number-Auth-Items) and the SQN state to write back.
/// The caller stores <see cref="NewState"/> with an ETag before it hands any vector out: if the write
/// loses a race, it drops the batch and asks again, so no SQN ever reaches two UEs' challenges.
/// </summary>
public sealed record AuthenticationVectorBatch(IReadOnlyList<AuthenticationVector> Vectors, SqnState NewState);
