namespace Ims.Ifc.Subscription;

/// <summary>
/// One initial filter criterion (TS 29.228 B.2.2): when the trigger point matches, the S-CSCF
/// routes the request to the application server. A criterion without a trigger point always matches.
/// </summary>
public sealed record InitialFilterCriteria(
    int Priority,
    TriggerPoint? TriggerPoint,
    ApplicationServer ApplicationServer,
    ProfilePartIndicator? ProfilePartIndicator = null);

/// <summary>Whether a criterion applies to registered or unregistered users (TS 29.228 B.2.2).</summary>
public enum ProfilePartIndicator
{
    Registered = 0,
    Unregistered = 1,
}
