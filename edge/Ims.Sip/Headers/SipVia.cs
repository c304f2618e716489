using System.Globalization;
using Ims.Sip.Syntax;

namespace Ims.Sip.Headers;

/// <summary>One Via value (RFC 3261 20.42): protocol, transport, sent-by and parameters.</summary>
public sealed record SipVia(string Transport, string Host, int? Port, IReadOnlyList<SipParameter> Parameters)
{
    /// <summary>RFC 3261 8.1.1.7: branches of RFC 3261 elements start with this cookie.</summary>
    public const string MagicCookie = "z9hG4bK";

    public string? Branch => Parameters.Get("branch");

    public string? Received => Parameters.Get("received");

    /// <summary>True when rport is present (RFC 3581), with or without a value.</summary>
    public bool HasRport => Parameters.Has("rport");

    public int? Rport => int.TryParse(Parameters.Get("rport"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;

    /// <summary>sent-by as written: host[:port].</summary>
    public string SentBy => Port is { } p ? $"{Host}:{p.ToString(CultureInfo.InvariantCulture)}" : Host;

    /// <summary>A branch with the RFC 3261 cookie and something after it (RFC 4475 3.2.1 has none after it).</summary>
    public bool HasRfc3261Branch => Branch is { Length: > 7 } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    public override string ToString() =>
        $"SIP/2.0/{Transport} {SentBy}" + string.Concat(Parameters.Select(p => ";" + p));

    /// <summary>Parses one via-parm. Never throws.</summary>
    public static bool TryParse(string value, out SipVia via, out string error)
    {
        ArgumentNullException.ThrowIfNull(value);
        via = null!;
        // sent-protocol = protocol-name SLASH protocol-version SLASH transport, LWS allowed around the slashes.
        var parts = new string[3];
        var i = SipText.SkipWhitespace(value, 0);
        for (var n = 0; n < 3; n++)
        {
            var start = i;
            while (i < value.Length && SipChars.Token.Contains(value[i]))
            {
                i++;
            }

            if (i == start)
            {
                error = "malformed sent-protocol";
                return false;
            }

            parts[n] = value[start..i];
            i = SipText.SkipWhitespace(value, i);
            if (n < 2)
            {
                if (i >= value.Length || value[i] != '/')
                {
                    error = "malformed sent-protocol";
                    return false;
                }

                i = SipText.SkipWhitespace(value, i + 1);
            }
        }

        if (!parts[0].Equals("SIP", StringComparison.OrdinalIgnoreCase) || parts[1] != "2.0")
        {
            error = $"unsupported protocol {parts[0]}/{parts[1]}";
            return false;
        }

        var hostStart = i;
        if (i < value.Length && value[i] == '[')
        {
            var close = value.IndexOf(']', i);
            if (close < 0)
            {
                error = "malformed IPv6 sent-by";
                return false;
            }

            i = close + 1;
        }
        else
        {
            while (i < value.Length && SipChars.HostNameChars.Contains(value[i]))
            {
                i++;
            }
        }

        if (i == hostStart)
        {
            error = "missing sent-by host";
            return false;
        }

        var host = value[hostStart..i];
        int? port = null;
        i = SipText.SkipWhitespace(value, i);
        if (i < value.Length && value[i] == ':')
        {
            i = SipText.SkipWhitespace(value, i + 1);
            var start = i;
            while (i < value.Length && char.IsAsciiDigit(value[i]))
            {
                i++;
            }

            if (!int.TryParse(value.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                error = "malformed sent-by port";
                return false;
            }

            port = p;
        }

        var parameters = SipParameters.Parse(value, ref i);
        if (parameters is null || i < value.Length)
        {
            error = "malformed Via parameters";
            return false;
        }

        via = new SipVia(parts[2].ToUpperInvariant(), host, port, parameters);
        error = string.Empty;
        return true;
    }
}
