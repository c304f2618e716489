using System.Globalization;

namespace Ims.Pcrf.Policies;

/// <summary>
/// What a subscriber's sessions may use: media types (SDP media names), codecs (encoding names; empty
/// means any) and a ceiling on the bandwidth of one media component in kbit/s (0 means none).
/// </summary>
public sealed record MediaPolicy
{
    /// <summary>With no policy written, voice and video calls with any codec are allowed.</summary>
    public static readonly MediaPolicy BuiltIn = Of(["audio", "video"], [], 0);

    public required IReadOnlySet<string> AllowedMedia { get; init; }

    public IReadOnlySet<string> AllowedCodecs { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public int MaxBandwidthKbps { get; init; }

    public static MediaPolicy Of(IEnumerable<string> media, IEnumerable<string> codecs, int maxBandwidthKbps) => new()
    {
        AllowedMedia = media.Select(m => m.Trim().ToLowerInvariant()).Where(m => m.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase),
        AllowedCodecs = codecs.Select(c => c.Trim()).Where(c => c.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase),
        MaxBandwidthKbps = maxBandwidthKbps,
    };

    public string Describe() =>
        $"media {string.Join(',', AllowedMedia.Order(StringComparer.Ordinal))}; codecs {(AllowedCodecs.Count == 0 ? "any" : string.Join(',', AllowedCodecs.Order(StringComparer.OrdinalIgnoreCase)))}; max bandwidth {(MaxBandwidthKbps == 0 ? "none" : MaxBandwidthKbps.ToString(CultureInfo.InvariantCulture) + " kbit/s")}";

    /// <summary>Null when the component is allowed, else the sentence saying why not.</summary>
    public string? Refuse(RequestedMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        if (!AllowedMedia.Contains(media.Type))
        {
            return $"{media.Type} is not an allowed media type ({string.Join(',', AllowedMedia.Order(StringComparer.Ordinal))})";
        }

        // RFC 4733 telephone-event and comfort noise go with any voice codec; they are not a codec choice.
        var codecs = media.Codecs.Where(c => !c.Equals("telephone-event", StringComparison.OrdinalIgnoreCase) && !c.Equals("CN", StringComparison.OrdinalIgnoreCase)).ToList();
        if (AllowedCodecs.Count > 0 && codecs.Count > 0 && !codecs.Any(AllowedCodecs.Contains))
        {
            return $"none of the {media.Type} codecs {string.Join(',', codecs)} is allowed ({string.Join(',', AllowedCodecs.Order(StringComparer.OrdinalIgnoreCase))})";
        }

        if (MaxBandwidthKbps > 0 && media.MaxBandwidthBps > (long)MaxBandwidthKbps * 1000)
        {
            return $"{media.Type} asks for {media.MaxBandwidthBps / 1000} kbit/s, above the allowed {MaxBandwidthKbps} kbit/s";
        }

        return null;
    }
}

/// <summary>One Media-Component-Description as the policy judges it: media type, codec names and the larger of its bandwidths.</summary>
public sealed record RequestedMedia(string Type, IReadOnlyList<string> Codecs, long MaxBandwidthBps);
