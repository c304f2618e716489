namespace Ims.Ifc.Subscription;

/// <summary>
/// The IMS subscription of one private identity, as the HSS sends it in Cx User-Data
/// (TS 29.228 Annex E, TS 29.229 6.3.2). Parsed once into this immutable model; iFC evaluation
/// works on the model, never on XML.
/// </summary>
public sealed record ImsSubscription(string PrivateId, IReadOnlyList<ServiceProfile> ServiceProfiles)
{
    /// <summary>The service profile that holds <paramref name="impu"/>, or null when none does.</summary>
    public ServiceProfile? ProfileOf(string impu) =>
        ServiceProfiles.FirstOrDefault(p => p.PublicIdentities.Any(i => string.Equals(i.Identity, impu, StringComparison.OrdinalIgnoreCase)));
}
