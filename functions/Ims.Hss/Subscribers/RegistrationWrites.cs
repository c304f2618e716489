using Ims.Storage;

namespace Ims.Hss.Subscribers;

/// <summary>
/// Conditional read-modify-write of subscriber rows: each change is applied to the row as read
/// and written with that row's ETag; when another writer got there first (PreconditionFailed)
/// the row is read again and the change re-applied, so no update is lost.
/// </summary>
public static class RegistrationWrites
{
    /// <summary>
    /// Applies <paramref name="change"/> to one IMPU row. A change that returns the record
    /// unchanged (same reference) writes nothing. Null when the row is gone.
    /// </summary>
    public static async Task<ImpuRecord?> UpdateImpuAsync(
        ITableStore store, string impu, Func<ImpuRecord, ImpuRecord> change, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < maxAttempts; attempt++)
        {
            if (await SubscriberTables.ReadImpuAsync(store, impu, cancellationToken).ConfigureAwait(false) is not { } read)
            {
                return null;
            }

            var updated = change(read.Record);
            if (ReferenceEquals(updated, read.Record))
            {
                return updated;
            }

            var written = await store.ReplaceAsync(SubscriberTables.ImpuTable, SubscriberTables.ToEntity(updated, read.ETag), cancellationToken).ConfigureAwait(false);
            if (written.IsOk)
            {
                return updated;
            }

            if (written.Status == StoreStatus.NotFound)
            {
                return null;
            }
        }

        throw new InvalidOperationException($"IMPU row still contended after {maxAttempts} attempts");
    }

    /// <summary>The IMPUs of <paramref name="impi"/> registered together with <paramref name="impu"/> (TS 23.228 4.3.3.4).</summary>
    public static async Task<IReadOnlyList<ImpuRecord>> ImplicitSetAsync(ITableStore store, ImpiRecord impi, ImpuRecord impu, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(impi);
        ArgumentNullException.ThrowIfNull(impu);
        var set = new List<ImpuRecord>();
        foreach (var uri in impi.Impus)
        {
            if (await SubscriberTables.ReadImpuAsync(store, uri, cancellationToken).ConfigureAwait(false) is { } read
                && string.Equals(read.Record.Impi, impi.Impi, StringComparison.Ordinal)
                && string.Equals(read.Record.ImplicitSet, impu.ImplicitSet, StringComparison.Ordinal))
            {
                set.Add(read.Record);
            }
        }

        return set;
    }
}
