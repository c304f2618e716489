using System.Globalization;

namespace Ims.Storage.Embedded;

/// <summary>The embedded store's ETags are its per-table version numbers, quoted like HTTP entity tags.</summary>
internal static class EmbeddedETag
{
    public static ETag From(long version) => new("\"" + version.ToString(CultureInfo.InvariantCulture) + "\"");
}
