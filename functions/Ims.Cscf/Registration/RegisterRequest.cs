using Ims.Sip;
using Ims.Sip.Headers;

namespace Ims.Cscf.Registration;

/// <summary>
/// What a REGISTER asks for (RFC 3261 10.2, TS 24.229 5.4.1): the public identity (To), the private
/// identity (Authorization username, or derived from the public one when absent, TS 33.203 6.1 /
/// TS 24.229 5.3.1.2), and each contact with the expiry it asks for.
/// </summary>
internal sealed record RegisterRequest(string Impu, string Impi, IReadOnlyList<RequestedBinding> Contacts, bool RemoveAll)
{
    /// <summary>True when every binding asks to be removed: a de-registration (TS 24.229 5.4.1.4).</summary>
    public bool IsDeregistration => RemoveAll || (Contacts.Count > 0 && Contacts.All(c => c.Expires == 0));

    /// <summary>No Contact: a query of the current bindings (RFC 3261 10.2.3).</summary>
    public bool IsQuery => !RemoveAll && Contacts.Count == 0;

    public static RegisterRequest? Read(SipMessage request, int defaultExpires, out string error)
    {
        if (request.To is not { } to || !(to.Uri.IsSip || to.Uri.IsTel))
        {
            error = "To is not a SIP or tel URI";
            return null;
        }

        var impu = to.Uri.AddressOfRecord;
        var impi = request.Authorization?.Username is { Length: > 0 } username
            ? username
            : impu.StartsWith("sip:", StringComparison.Ordinal) ? impu[4..] : impu;
        var headerExpires = request.Expires;
        var contacts = new List<RequestedBinding>();
        var removeAll = false;
        foreach (var contact in request.Contacts)
        {
            if (contact.IsWildcard)
            {
                // RFC 3261 10.3 step 6: "*" only with Expires: 0 and alone.
                if (headerExpires != 0 || request.Contacts.Count > 1)
                {
                    error = "Contact: * needs Expires: 0 and no other Contact";
                    return null;
                }

                removeAll = true;
                continue;
            }

            contacts.Add(new RequestedBinding(contact, contact.Expires ?? headerExpires ?? defaultExpires));
        }

        if (request.Contacts.Count == 0 && request.Count(Ims.Sip.Parsing.SipHeaderKind.Contact) > 0)
        {
            error = "Contact header cannot be parsed";
            return null;
        }

        error = string.Empty;
        return new RegisterRequest(impu, impi, contacts, removeAll);
    }
}

/// <summary>A contact of a REGISTER and the expiry it asks for, in seconds.</summary>
internal sealed record RequestedBinding(SipContact Contact, int Expires)
{
    /// <summary>The contact URI as the binding's key (RFC 3261 10.3 step 8 compares URIs).</summary>
    public string Uri => Contact.Address!.Uri.Text;
}
