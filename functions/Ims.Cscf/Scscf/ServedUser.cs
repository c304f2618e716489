using Ims.Ifc.Subscription;
using Ims.Storage;

namespace Ims.Cscf.Scscf;

/// <summary>
/// The user a request is served for (TS 24.229 5.4.3: the caller on the originating side, the callee
/// on the terminating side) as the registrar holds it: the service profile from the SAA's User-Data,
/// and whether a contact is registered. A profile without a live contact is the unregistered state
/// (stored after SAR UNREGISTERED_USER, TS 29.228 6.1.2).
/// </summary>
internal sealed record ServedUser(string Impu, string? Impi, ServiceProfile? Profile, IReadOnlyList<TableEntity> Contacts, IReadOnlyList<TableEntity> Rows, string Note)
{
    /// <summary>At least one contact is registered and unexpired at the event's time.</summary>
    public bool Registered => Contacts.Count > 0;

    public bool Known => Rows.Any(r => r.RowKey == RegistrarBindings.ProfileRow);

    public static async Task<ServedUser> ReadAsync(ITableStore store, string impu, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await RegistrarBindings.ReadAsync(store, impu, cancellationToken).ConfigureAwait(false);
        return From(impu, rows, now);
    }

    public static ServedUser From(string impu, IReadOnlyList<TableEntity> rows, DateTimeOffset now)
    {
        var contacts = RegistrarBindings.LiveContacts(rows, now).ToList();
        var profileRow = rows.FirstOrDefault(r => r.RowKey == RegistrarBindings.ProfileRow);
        var userData = profileRow?.GetString("UserData");
        if (string.IsNullOrEmpty(userData))
        {
            return new ServedUser(impu, profileRow?.GetString("Impi"), null, contacts, rows, profileRow is null ? "no profile stored" : "no User-Data stored");
        }

        var read = ImsSubscriptionXml.Read(userData);
        var profile = read.Subscription?.ProfileOf(impu);
        var note = read.Error is { } error ? $"User-Data unreadable: {error}" : profile is null ? "no service profile holds it" : $"{profile.InitialFilterCriteria.Count} iFC(s)";
        return new ServedUser(impu, profileRow?.GetString("Impi"), profile, contacts, rows, note);
    }
}
