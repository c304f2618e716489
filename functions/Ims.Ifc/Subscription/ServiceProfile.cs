namespace Ims.Ifc.Subscription;

/// <summary>
/// A service profile (TS 29.228 B.2.1): the public identities that share it, which form the
/// implicit registration set when registered together (TS 23.228 4.3.3.4), and their filter criteria.
/// </summary>
public sealed record ServiceProfile(
    IReadOnlyList<PublicIdentity> PublicIdentities,
    IReadOnlyList<InitialFilterCriteria> InitialFilterCriteria,
    int? SubscribedMediaProfileId = null)
{
    /// <summary>Filter criteria in evaluation order: ascending Priority (TS 29.228 B.2.2).</summary>
    public IEnumerable<InitialFilterCriteria> InPriorityOrder() => InitialFilterCriteria.OrderBy(c => c.Priority);
}
