using System.Globalization;
using System.Text;
using Ims.Cscf.Proxy;
using Ims.Ifc.Subscription;

namespace Ims.Cscf.Isc;

/// <summary>
/// The "odi" the S-CSCF puts in its own Route entry below the AS's (TS 24.229 5.4.3.2 step 4,
/// 5.4.3.4): when the request comes back from the AS with it, the S-CSCF knows the served user, the
/// session case and the iFC it had reached, and goes on with the next one. It holds those three
/// values itself (URL-safe base64) with a check value, so no state is kept between the passes and
/// replay re-creates it byte for byte. The check value binds the token to the S-CSCF's name; ISC
/// runs inside the operator's trust domain, so it guards against corruption, not forgery.
/// </summary>
internal sealed record OriginalDialogIdentifier(SessionCase SessionCase, string ServedUser, int Priority)
{
    public const string Parameter = "odi";

    public string Encode(string scscfUri)
    {
        var payload = Base64Url(string.Create(CultureInfo.InvariantCulture, $"{(int)SessionCase}|{Priority}|{ServedUser}"));
        return payload + "." + DerivedToken.Of(Parameter, payload, scscfUri)[..8];
    }

    public static OriginalDialogIdentifier? Decode(string? token, string scscfUri)
    {
        if (token is null || token.Split('.') is not [var payload, var check] || check != DerivedToken.Of(Parameter, payload, scscfUri)[..8])
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (payload.Length % 4)) % 4)));
        }
        catch (FormatException)
        {
            return null;
        }

        return text.Split('|', 3) is [var sessionCase, var priority, var servedUser]
            && int.TryParse(sessionCase, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && Enum.IsDefined((SessionCase)c)
            && int.TryParse(priority, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p)
            ? new OriginalDialogIdentifier((SessionCase)c, servedUser, p)
            : null;
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
