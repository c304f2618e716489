namespace Ims.Ifc.Subscription;

/// <summary>
/// A trigger point (TS 29.228 B.2.2, Annex C): service point triggers combined in conjunctive
/// normal form (SPTs of one group ORed, groups ANDed) or disjunctive normal form (SPTs of one
/// group ANDed, groups ORed).
/// </summary>
public sealed record TriggerPoint(bool ConditionTypeCnf, IReadOnlyList<ServicePointTrigger> ServicePointTriggers);
