using System.Globalization;
using Ims.Sip.Syntax;

namespace Ims.Sip.Headers;

/// <summary>One Contact value (RFC 3261 20.10): an address with expires, q, and the RFC 5626 instance and reg-id; or '*'.</summary>
public sealed record SipContact(SipNameAddress? Address)
{
    /// <summary>The '*' of a REGISTER that removes every binding (RFC 3261 10.2.2).</summary>
    public bool IsWildcard => Address is null;

    public int? Expires => int.TryParse(Address?.Parameters.Get("expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : null;

    public double? Q => double.TryParse(Address?.Parameters.Get("q"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) ? q : null;

    /// <summary>+sip.instance (RFC 5626 4.1), without its quotes and angle brackets.</summary>
    public string? Instance => Address?.Parameters.Get("+sip.instance")?.Trim('<', '>');

    public int? RegId => int.TryParse(Address?.Parameters.Get("reg-id"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null;

    public override string ToString() => Address?.ToString() ?? "*";

    public static bool TryParse(string value, out SipContact contact, out string error)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Trim() == "*")
        {
            contact = new SipContact((SipNameAddress?)null);
            error = string.Empty;
            return true;
        }

        var ok = SipNameAddress.TryParse(value, out var address, out error);
        contact = ok ? new SipContact(address) : null!;
        if (ok && address.Parameters.Get("expires") is { } expires && !uint.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            error = "expires is not a number";
            contact = null!;
            return false;
        }

        return ok;
    }
}
