using Ims.Storage;

namespace Ims.Cscf.Scscf;

/// <summary>A contact the S-CSCF registrar holds for an IMPU, as an operator sees it.</summary>
public sealed record RegisteredContact(string Contact, DateTimeOffset ExpiresAt);

/// <summary>Read access to the registrar's bindings for operator tools (`ims subscriber show`).</summary>
public static class RegisteredContacts
{
    /// <summary>The bindings of <paramref name="impu"/> still live at <paramref name="now"/>, earliest expiry first.</summary>
    public static async Task<IReadOnlyList<RegisteredContact>> ReadAsync(ITableStore store, string impu, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = await RegistrarBindings.ReadAsync(store, impu, cancellationToken).ConfigureAwait(false);
        return RegistrarBindings.LiveContacts(rows, now)
            .Select(r => new RegisteredContact(r.GetString("Contact") ?? r.GetString("ContactUri") ?? string.Empty, r.GetDateTimeOffset("ExpiresAt")!.Value))
            .OrderBy(c => c.ExpiresAt)
            .ToList();
    }
}
