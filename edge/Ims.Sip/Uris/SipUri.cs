using System.Globalization;
using Ims.Sip.Syntax;

namespace Ims.Sip.Uris;

/// <summary>
/// A URI as SIP carries it: sip and sips (RFC 3261 19.1) with user, password, host, port,
/// parameters and headers; tel (RFC 3966) with its number and parameters; any other absolute URI
/// kept by scheme and text (a proxy answers 416 for those, RFC 3261 8.2.2.1, but they parse).
/// </summary>
public sealed record SipUri
{
    private SipUri(string text, string scheme)
    {
        Text = text;
        Scheme = scheme;
    }

    /// <summary>The URI as written.</summary>
    public string Text { get; }

    /// <summary>The scheme in lower case.</summary>
    public string Scheme { get; }

    public string? User { get; private init; }

    public string? Password { get; private init; }

    /// <summary>Host name, IPv4 address, or IPv6 reference with its brackets; the number for tel.</summary>
    public string Host { get; private init; } = string.Empty;

    public int? Port { get; private init; }

    public IReadOnlyList<SipParameter> Parameters { get; private init; } = [];

    /// <summary>The headers part after '?', as written (still escaped); null when absent.</summary>
    public string? Headers { get; private init; }

    public bool IsSip => Scheme is "sip" or "sips";

    public bool IsTel => Scheme == "tel";

    /// <summary>host[:port] as a Via sent-by or a next hop is written.</summary>
    public string HostPort => Port is { } p ? $"{Host}:{p.ToString(CultureInfo.InvariantCulture)}" : Host;

    /// <summary>The address-of-record form: scheme:user@host, no port, parameters or headers (RFC 3261 10.3 step 5).</summary>
    public string AddressOfRecord => IsTel ? $"tel:{Host}" : User is null ? $"{Scheme}:{Host}" : $"{Scheme}:{SipEscaping.Unescape(User)}@{Host.ToLowerInvariant()}";

    /// <summary>The loose-routing marker of a Route or Record-Route URI (RFC 3261 16.12).</summary>
    public bool IsLooseRouting => Parameters.Has("lr");

    public override string ToString() => Text;

    public static SipUri Parse(string text) =>
        TryParse(text, out var uri, out var error) ? uri : throw new FormatException(error);

    /// <summary>Parses a URI; false with a reason for anything the grammar refuses. Never throws.</summary>
    public static bool TryParse(string? text, out SipUri uri, out string error)
    {
        uri = null!;
        if (string.IsNullOrEmpty(text))
        {
            error = "empty URI";
            return false;
        }

        // Whitespace, angle brackets and quotes never appear in a URI (RFC 4475 3.1.2.7, 3.1.2.8, 3.1.2.14).
        foreach (var c in text)
        {
            if (c <= ' ' || c is '<' or '>' or '"' || c == 0x7F)
            {
                error = $"character U+{(int)c:X4} not allowed in a URI";
                return false;
            }
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(text[0]) || text.AsSpan(0, colon).ContainsAnyExcept(SipChars.SchemeChars))
        {
            error = "missing or malformed scheme";
            return false;
        }

        if (!SipEscaping.IsWellFormed(text))
        {
            error = "malformed %-escape";
            return false;
        }

        var scheme = text[..colon].ToLowerInvariant();
        var rest = text[(colon + 1)..];
        return scheme switch
        {
            "sip" or "sips" => TryParseSip(text, scheme, rest, out uri, out error),
            "tel" => TryParseTel(text, rest, out uri, out error),
            _ => TryParseOther(text, scheme, rest, out uri, out error),
        };
    }

    private static bool TryParseSip(string text, string scheme, string rest, out SipUri uri, out string error)
    {
        uri = null!;
        string? user = null;
        string? password = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (rest.IndexOf('@', at + 1) >= 0)
            {
                error = "more than one '@'";
                return false;
            }

            var userInfo = rest[..at];
            var passwordColon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = passwordColon < 0 ? userInfo : userInfo[..passwordColon];
            password = passwordColon < 0 ? null : userInfo[(passwordColon + 1)..];
            if (user.Length == 0)
            {
                error = "empty user part";
                return false;
            }

            rest = rest[(at + 1)..];
        }

        if (!TryParseHostPort(rest, out var host, out var port, out var index, out error))
        {
            return false;
        }

        var parameters = SipParameters.Parse(rest, ref index, "?");
        if (parameters is null)
        {
            error = "malformed URI parameter";
            return false;
        }

        string? headers = null;
        if (index < rest.Length)
        {
            headers = rest[(index + 1)..];
            if (headers.Length == 0)
            {
                error = "empty headers after '?'";
                return false;
            }
        }

        uri = new SipUri(text, scheme) { User = user, Password = password, Host = host, Port = port, Parameters = parameters, Headers = headers };
        return true;
    }

    private static bool TryParseHostPort(string rest, out string host, out int? port, out int index, out string error)
    {
        host = string.Empty;
        port = null;
        index = 0;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close == 1 || rest.AsSpan(1, close - 1).ContainsAnyExcept(SipChars.Ipv6Chars))
            {
                error = "malformed IPv6 reference";
                return false;
            }

            index = close + 1;
        }
        else
        {
            while (index < rest.Length && SipChars.HostNameChars.Contains(rest[index]))
            {
                index++;
            }

            if (index == 0)
            {
                error = "missing host";
                return false;
            }
        }

        host = rest[..index];
        if (index < rest.Length && rest[index] == ':')
        {
            var start = ++index;
            while (index < rest.Length && char.IsAsciiDigit(rest[index]))
            {
                index++;
            }

            if (index == start || index - start > 5 || !int.TryParse(rest.AsSpan(start, index - start), NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                error = "malformed port";
                return false;
            }

            port = p;
        }

        if (index < rest.Length && rest[index] is not (';' or '?'))
        {
            error = $"unexpected '{rest[index]}' after host";
            return false;
        }

        error = string.Empty;
        return true;
    }

    // RFC 3966 3: telephone-subscriber = global-number / local-number, then ;par.
    private static bool TryParseTel(string text, string rest, out SipUri uri, out string error)
    {
        uri = null!;
        var semicolon = rest.IndexOf(';', StringComparison.Ordinal);
        var number = semicolon < 0 ? rest : rest[..semicolon];
        if (number.Length == 0 || number.AsSpan().ContainsAnyExcept("+0123456789-.()*#abcdefABCDEFpPwW"))
        {
            error = "malformed telephone number";
            return false;
        }

        var index = semicolon < 0 ? rest.Length : semicolon;
        var parameters = SipParameters.Parse(rest, ref index);
        if (parameters is null)
        {
            error = "malformed tel parameter";
            return false;
        }

        uri = new SipUri(text, "tel") { Host = number, Parameters = parameters };
        error = string.Empty;
        return true;
    }

    private static bool TryParseOther(string text, string scheme, string rest, out SipUri uri, out string error)
    {
        uri = null!;
        if (rest.Length == 0)
        {
            error = "empty URI after the scheme";
            return false;
        }

        uri = new SipUri(text, scheme) { Host = rest };
        error = string.Empty;
        return true;
    }
}
