using Ims.Sip.Syntax;

namespace Ims.Sip.Headers;

/// <summary>
/// A token (or media type) with parameters: Security-Client/Server/Verify mechanisms (RFC 3329 2.2),
/// Content-Type (RFC 3261 20.15), Event (RFC 6665 8.2.1), P-Charging-Function-Addresses items.
/// </summary>
public sealed record SipTokenWithParameters(string Value, IReadOnlyList<SipParameter> Parameters)
{
    public string? this[string name] => Parameters.Get(name);

    public override string ToString() => Value + string.Concat(Parameters.Select(p => ";" + p));

    public static bool TryParse(string value, out SipTokenWithParameters result)
    {
        ArgumentNullException.ThrowIfNull(value);
        result = null!;
        var i = SipText.SkipWhitespace(value, 0);
        var start = i;
        while (i < value.Length && (SipChars.Token.Contains(value[i]) || value[i] == '/'))
        {
            i++;
        }

        if (i == start)
        {
            return false;
        }

        var token = value[start..i].Replace(" ", string.Empty, StringComparison.Ordinal);
        var parameters = SipParameters.Parse(value, ref i);
        if (parameters is null || i < value.Length)
        {
            return false;
        }

        result = new SipTokenWithParameters(token, parameters);
        return true;
    }
}
