using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;

namespace Ims.Cscf.Icscf;

/// <summary>
/// Which S-CSCF gets the REGISTER (TS 24.229 5.3.1.2, TS 29.228 6.1.1): the one the HSS names in
/// Server-Name, else the first configured S-CSCF that has every mandatory capability of the UAA's
/// Server-Capabilities (and, among those, the most optional ones).
/// </summary>
internal static class ScscfSelection
{
    public static string? Select(DiameterMessage uaa, IReadOnlyList<ScscfCandidate> candidates, out string how)
    {
        if (uaa.GetString(Avps.ServerName) is { Length: > 0 } named)
        {
            how = "named by the HSS";
            return named;
        }

        if (uaa.Find(Avps.ServerCapabilities) is not { } capabilities)
        {
            how = "the HSS gave neither Server-Name nor Server-Capabilities";
            return null;
        }

        var mandatory = Values(capabilities, Avps.MandatoryCapability);
        var optional = Values(capabilities, Avps.OptionalCapability);
        // Server-Names inside Server-Capabilities are the operator's preference (TS 29.229 6.3.4).
        var preferred = capabilities.Children.Where(c => c.Code == Avps.ServerName.Code && c.VendorId == Avps.ServerName.VendorId).Select(c => c.GetString()).ToList();
        var best = candidates
            .Where(c => mandatory.All(c.Capabilities.Contains))
            .OrderByDescending(c => preferred.Contains(c.Uri, StringComparer.OrdinalIgnoreCase))
            .ThenByDescending(c => optional.Count(c.Capabilities.Contains))
            .FirstOrDefault();
        how = best is null
            ? $"no configured S-CSCF has the mandatory capabilities [{string.Join(", ", mandatory)}]"
            : $"chosen by capabilities (mandatory [{string.Join(", ", mandatory)}])";
        return best?.Uri ?? preferred.FirstOrDefault();
    }

    private static List<uint> Values(DiameterAvp group, AvpDefinition definition) =>
        group.Children
            .Where(c => c.Code == definition.Code && c.VendorId == definition.VendorId)
            .Select(c => c.TryGetUnsigned32(out var v) ? v : uint.MaxValue)
            .ToList();
}
