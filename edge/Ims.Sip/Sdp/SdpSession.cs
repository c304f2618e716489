using System.Globalization;

namespace Ims.Sip.Sdp;

/// <summary>
/// A session description (RFC 4566), read only as far as policy and charging need it: the
/// session-level connection address and bandwidth, and the media descriptions. Parsing is pure and
/// never throws on input: a description that breaks the grammar comes back as null with a reason.
/// </summary>
public sealed record SdpSession
{
    public string? ConnectionAddress { get; init; }

    public int? BandwidthAsKbps { get; init; }

    public required IReadOnlyList<SdpMedia> Media { get; init; }

    /// <summary>The session, or null with <paramref name="error"/> saying which line is wrong.</summary>
    public static SdpSession? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        // RFC 4566 5: the description starts with v=0.
        if (lines.Count == 0 || lines[0] != "v=0")
        {
            error = "an SDP body starts with v=0 (RFC 4566 5.1)";
            return null;
        }

        string? sessionAddress = null;
        int? sessionBandwidth = null;
        var media = new List<MediaDraft>();
        foreach (var line in lines)
        {
            // RFC 4566 5: <type>=<value>, the type one letter.
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                error = $"not an SDP line: '{Shorten(line)}'";
                return null;
            }

            var value = line[2..];
            var current = media.Count > 0 ? media[^1] : null;
            switch (line[0])
            {
                case 'm':
                    if (ParseMediaLine(value) is not { } draft)
                    {
                        error = $"bad m= line: '{Shorten(line)}' (RFC 4566 5.14)";
                        return null;
                    }

                    draft.Lines.Add(line);
                    media.Add(draft);
                    continue;
                case 'c':
                    // RFC 4566 5.7: c=IN IP4 <address>[/ttl]
                    var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length != 3 || parts[0] != "IN" || parts[1] is not ("IP4" or "IP6"))
                    {
                        error = $"bad c= line: '{Shorten(line)}' (RFC 4566 5.7)";
                        return null;
                    }

                    var address = parts[2].Split('/')[0];
                    if (current is null)
                    {
                        sessionAddress = address;
                    }
                    else
                    {
                        current.Address = address;
                    }

                    break;
                case 'b' when value.StartsWith("AS:", StringComparison.Ordinal):
                    if (!int.TryParse(value.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var kbps))
                    {
                        error = $"bad b=AS line: '{Shorten(line)}' (RFC 4566 5.8)";
                        return null;
                    }

                    if (current is null)
                    {
                        sessionBandwidth = kbps;
                    }
                    else
                    {
                        current.Bandwidth = kbps;
                    }

                    break;
                case 'a' when current is not null:
                    ReadAttribute(current, value);
                    break;
            }

            current?.Lines.Add(line);
        }

        return new SdpSession
        {
            ConnectionAddress = sessionAddress,
            BandwidthAsKbps = sessionBandwidth,
            Media = [.. media.Select(m => new SdpMedia
            {
                Type = m.Type,
                Port = m.Port,
                Protocol = m.Protocol,
                Formats = m.Formats,
                ConnectionAddress = m.Address ?? sessionAddress,
                BandwidthAsKbps = m.Bandwidth ?? sessionBandwidth,
                RtpMaps = m.RtpMaps,
                Direction = m.Direction,
                Lines = [.. m.Lines],
            })],
        };
    }

    // RFC 4566 5.14: m=<media> <port>[/<number of ports>] <proto> <fmt> ...
    private static MediaDraft? ParseMediaLine(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4 || !int.TryParse(parts[1].Split('/')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return null;
        }

        return new MediaDraft(parts[0], port, parts[2], parts[3..]);
    }

    private static void ReadAttribute(MediaDraft media, string value)
    {
        if (value is "sendrecv" or "sendonly" or "recvonly" or "inactive")
        {
            media.Direction = value;
            return;
        }

        // RFC 4566 6: a=rtpmap:<payload type> <encoding name>/<clock rate>[/<parameters>]
        if (value.StartsWith("rtpmap:", StringComparison.Ordinal))
        {
            var rest = value["rtpmap:".Length..];
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                media.RtpMaps[rest[..space]] = rest[(space + 1)..].Trim();
            }
        }
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..60] + "...";

    private sealed class MediaDraft(string type, int port, string protocol, string[] formats)
    {
        public string Type { get; } = type;

        public int Port { get; } = port;

        public string Protocol { get; } = protocol;

        public string[] Formats { get; } = formats;

        public string? Address { get; set; }

        public int? Bandwidth { get; set; }

        public string Direction { get; set; } = "sendrecv";

        public Dictionary<string, string> RtpMaps { get; } = new(StringComparer.Ordinal);

        public List<string> Lines { get; } = [];
    }
}
