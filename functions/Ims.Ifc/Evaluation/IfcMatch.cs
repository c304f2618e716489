using Ims.Ifc.Subscription;

namespace Ims.Ifc.Evaluation;

/// <summary>A criterion that matched, and why: the explanation is what replay prints for the step.</summary>
public sealed record IfcMatch(InitialFilterCriteria Criterion, string Explanation);
