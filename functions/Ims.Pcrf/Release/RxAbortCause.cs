namespace Ims.Pcrf.Release;

/// <summary>Abort-Cause values (TS 29.214 5.3.1) and the names an operator gives them.</summary>
public static class RxAbortCause
{
    public const uint BearerReleased = 0;
    public const uint InsufficientServerResources = 1;
    public const uint InsufficientBearerResources = 2;
    public const uint PsToCsHandover = 3;
    public const uint SponsoredDataConnectivityDisallowed = 4;

    private static readonly string[] Names =
    [
        "BEARER_RELEASED", "INSUFFICIENT_SERVER_RESOURCES", "INSUFFICIENT_BEARER_RESOURCES", "PS_TO_CS_HANDOVER", "SPONSORED_DATA_CONNECTIVITY_DISALLOWED",
    ];

    /// <summary>All names, as the spec writes them.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The value of a name (spec form, or lower case with dashes: bearer-released), or of its number.</summary>
    public static bool TryParse(string? text, out uint value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var name = text.Trim().Replace('-', '_').ToUpperInvariant();
        var index = Array.IndexOf(Names, name);
        if (index >= 0)
        {
            value = (uint)index;
            return true;
        }

        return uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value < Names.Length;
    }

    public static string NameOf(uint value) => value < Names.Length ? Names[value] : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
