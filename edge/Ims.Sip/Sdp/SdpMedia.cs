namespace Ims.Sip.Sdp;

/// <summary>
/// One media description (RFC 4566 5.14): the m= line, the connection address that applies to it
/// (its own c= or the session's), b=AS, the rtpmap names of its formats, its direction, and its
/// lines as written (m= first), which Rx carries as Codec-Data (TS 29.214 5.3.7).
/// </summary>
public sealed record SdpMedia
{
    /// <summary>"audio", "video", "text", "application", "message" ...</summary>
    public required string Type { get; init; }

    /// <summary>0 means the stream is disabled (RFC 3264 5.1).</summary>
    public required int Port { get; init; }

    public required string Protocol { get; init; }

    /// <summary>The formats of the m= line (RTP payload types for RTP/AVP).</summary>
    public required IReadOnlyList<string> Formats { get; init; }

    public string? ConnectionAddress { get; init; }

    /// <summary>b=AS of the media, else of the session, in kbit/s (RFC 4566 5.8).</summary>
    public int? BandwidthAsKbps { get; init; }

    /// <summary>Encoding names by payload type, from a=rtpmap (RFC 4566 6): "96" → "AMR-WB/16000/1".</summary>
    public required IReadOnlyDictionary<string, string> RtpMaps { get; init; }

    /// <summary>sendrecv (default), sendonly, recvonly or inactive (RFC 4566 6, RFC 3264 5.1).</summary>
    public string Direction { get; init; } = "sendrecv";

    public required IReadOnlyList<string> Lines { get; init; }

    /// <summary>
    /// The codec names of the formats in m= line order: the rtpmap encoding name, or the static
    /// payload type's name (RFC 3551 6) for 0 PCMU, 8 PCMA, 9 G722, 18 G729; else the format itself.
    /// </summary>
    public IEnumerable<string> CodecNames => Formats.Select(f =>
        RtpMaps.TryGetValue(f, out var map) ? map.Split('/')[0] : f switch
        {
            "0" => "PCMU",
            "3" => "GSM",
            "8" => "PCMA",
            "9" => "G722",
            "18" => "G729",
            _ => f,
        });
}
