using Ims.Sip.Syntax;

namespace Ims.Sip.Headers;

/// <summary>
/// Authorization / Proxy-Authorization credentials or WWW-Authenticate / Proxy-Authenticate
/// challenges (RFC 3261 20.7, 20.44; RFC 2617 3.2; RFC 3310 3; TS 24.229 7.2A.4): a scheme and
/// comma-separated auth-params.
/// </summary>
public sealed record SipCredentials(string Scheme, IReadOnlyList<SipParameter> Parameters)
{
    public string? Username => Parameters.Get("username");

    public string? Realm => Parameters.Get("realm");

    public string? Nonce => Parameters.Get("nonce");

    public string? Uri => Parameters.Get("uri");

    public string? Response => Parameters.Get("response");

    public string? Algorithm => Parameters.Get("algorithm");

    public string? Qop => Parameters.Get("qop");

    public string? NonceCount => Parameters.Get("nc");

    public string? ClientNonce => Parameters.Get("cnonce");

    public string? Opaque => Parameters.Get("opaque");

    /// <summary>AUTS of an AKA resynchronisation (RFC 3310 3.4).</summary>
    public string? Auts => Parameters.Get("auts");

    /// <summary>TS 24.229 7.2A.4: integrity-protected = "yes" / "no" / "tls-pending" / ...</summary>
    public string? IntegrityProtected => Parameters.Get("integrity-protected");

    public string? Ck => Parameters.Get("ck");

    public string? Ik => Parameters.Get("ik");

    public override string ToString() =>
        Scheme + " " + string.Join(", ", Parameters.Select(p => p.ToString()));

    public static bool TryParse(string value, out SipCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(value);
        credentials = null!;
        var i = SipText.SkipWhitespace(value, 0);
        var start = i;
        while (i < value.Length && SipChars.Token.Contains(value[i]))
        {
            i++;
        }

        if (i == start)
        {
            return false;
        }

        var scheme = value[start..i];
        var rest = value[i..].Trim();
        var parameters = new List<SipParameter>();
        if (rest.Length > 0)
        {
            var items = SipText.SplitList(rest);
            if (items is null)
            {
                return false;
            }

            foreach (var item in items)
            {
                var eq = item.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    return false;
                }

                var name = item[..eq].Trim();
                var val = item[(eq + 1)..].Trim();
                if (!SipChars.IsToken(name) || val.Length == 0)
                {
                    return false;
                }

                parameters.Add(new SipParameter(name, val));
            }
        }

        credentials = new SipCredentials(scheme, parameters);
        return true;
    }
}
