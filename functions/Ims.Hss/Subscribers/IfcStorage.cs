using System.Xml.Linq;
using Ims.Ifc.Subscription;

namespace Ims.Hss.Subscribers;

/// <summary>
/// The stored form of a service profile's filter criteria: InitialFilterCriteria elements of
/// TS 29.228 Annex E under one wrapper element, read back with <see cref="ImsSubscriptionXml.ReadCriteria"/>.
/// </summary>
public static class IfcStorage
{
    public static string Write(IEnumerable<InitialFilterCriteria> criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return new XElement("InitialFilterCriteriaList", criteria.Select(ImsSubscriptionXml.WriteCriterion)).ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The criteria, or none when nothing is stored or the stored XML no longer reads.</summary>
    public static IReadOnlyList<InitialFilterCriteria> Read(string? xml)
    {
        if (string.IsNullOrEmpty(xml))
        {
            return [];
        }

        var (criteria, _) = ImsSubscriptionXml.ReadCriteria(xml);
        return criteria ?? [];
    }
}
