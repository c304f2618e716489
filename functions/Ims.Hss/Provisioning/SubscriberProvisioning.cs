using Ims.Hss.Subscribers;
using Ims.Storage;

namespace Ims.Hss.Provisioning;

/// <summary>
/// Operator provisioning over the table store: add, import, list, show and remove subscribers.
/// Every refusal is a value and leaves the store as it was: validation happens before any write,
/// and a write that fails half way (another writer took an IMPU meanwhile) is rolled back.
/// </summary>
/// <remarks>
/// Order of writes for one subscriber: the Impi row first (an insert, so a second add of the same
/// IMPI conflicts), then one Impu row per public identity (each an insert, so an IMPU can only
/// ever have one owner). The Impu rows live in different partitions, so no batch can cover them;
/// rollback deletes, with the ETags the inserts returned, exactly what this call wrote.
/// </remarks>
public sealed class SubscriberProvisioning(ITableStore store)
{
    private readonly ITableStore _store = store ?? throw new ArgumentNullException(nameof(store));

    public async Task<ProvisioningResult> AddAsync(SubscriberSpec spec, CancellationToken cancellationToken)
    {
        var (subscriber, errors) = SubscriberValidation.Validate(spec);
        if (subscriber is null)
        {
            return new ProvisioningResult(errors);
        }

        var conflicts = await FindConflictsAsync(subscriber, cancellationToken).ConfigureAwait(false);
        return conflicts.Count > 0 ? new ProvisioningResult(conflicts) : await WriteAsync(subscriber, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds every subscriber of a JSON array (see <see cref="SubscriberImportJson"/>), or none:
    /// all entries are validated and checked against the store and each other first, and each
    /// error names its entry.
    /// </summary>
    public async Task<ProvisioningResult> ImportAsync(string json, CancellationToken cancellationToken)
    {
        var (specs, parseErrors) = SubscriberImportJson.Parse(json);
        if (parseErrors.Count > 0)
        {
            return new ProvisioningResult(parseErrors);
        }

        var errors = new List<ProvisioningError>();
        var subscribers = new List<ValidatedSubscriber>();
        var impis = new HashSet<string>(StringComparer.Ordinal);
        var impus = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < specs.Count; i++)
        {
            var (subscriber, entryErrors) = SubscriberValidation.Validate(specs[i]);
            if (subscriber is null)
            {
                errors.AddRange(entryErrors.Select(e => e with { Entry = i }));
                continue;
            }

            if (!impis.Add(SubscriberTables.ImpiKey(subscriber.Impi.Impi)))
            {
                errors.Add(new ProvisioningError(ProvisioningErrorKind.ImpiExists, $"IMPI '{subscriber.Impi.Impi}' appears twice in the file", i));
            }

            foreach (var impu in subscriber.Impus.Where(u => !impus.Add(SubscriberTables.ImpuKey(u.Impu))))
            {
                errors.Add(new ProvisioningError(ProvisioningErrorKind.DuplicateImpu, $"IMPU '{impu.Impu}' appears twice in the file", i));
            }

            var conflicts = await FindConflictsAsync(subscriber, cancellationToken).ConfigureAwait(false);
            errors.AddRange(conflicts.Select(e => e with { Entry = i }));
            subscribers.Add(subscriber);
        }

        if (errors.Count > 0)
        {
            return new ProvisioningResult(errors);
        }

        var written = new List<ValidatedSubscriber>();
        foreach (var subscriber in subscribers)
        {
            var result = await WriteAsync(subscriber, cancellationToken).ConfigureAwait(false);
            if (!result.IsOk)
            {
                // Someone wrote between the checks and now: undo the whole import, not just this entry.
                foreach (var done in written)
                {
                    await RemoveRowsAsync(done.Impi.Impi, done.Impus.Select(u => u.Impu), cancellationToken).ConfigureAwait(false);
                }

                var index = subscribers.IndexOf(subscriber);
                return new ProvisioningResult([.. result.Errors.Select(e => e with { Entry = index })]);
            }

            written.Add(subscriber);
        }

        return ProvisioningResult.Ok;
    }

    /// <summary>Every subscriber's IMPI and IMPUs, ordered by IMPI.</summary>
    public async Task<IReadOnlyList<(string Impi, IReadOnlyList<string> Impus)>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<(string, IReadOnlyList<string>)>();
        await foreach (var entity in _store.QueryAsync(SubscriberTables.ImpiTable, TableQuery.All, cancellationToken).ConfigureAwait(false))
        {
            if (SubscriberTables.ToImpi(entity) is { } record)
            {
                list.Add((record.Impi, record.Impus));
            }
        }

        return [.. list.OrderBy(s => s.Item1, StringComparer.Ordinal)];
    }

    /// <summary>The subscriber's view, or null for an unknown IMPI.</summary>
    public async Task<SubscriberView?> ShowAsync(string impi, CancellationToken cancellationToken)
    {
        if (await SubscriberTables.ReadImpiAsync(_store, impi, cancellationToken).ConfigureAwait(false) is not { } read)
        {
            return null;
        }

        var record = read.Record;
        var impus = new List<ImpuView>();
        foreach (var uri in record.Impus)
        {
            var impu = await SubscriberTables.ReadImpuAsync(_store, uri, cancellationToken).ConfigureAwait(false);
            impus.Add(impu is { } found
                ? new ImpuView(found.Record.Impu, found.Record.State, found.Record.ServerName, found.Record.Barred, found.Record.ImplicitSet)
                : new ImpuView(uri, RegistrationState.NotRegistered, null, false, ImpuRecord.DefaultImplicitSet));
        }

        return new SubscriberView(
            record.Impi,
            impus,
            record.Sqn,
            Convert.ToHexStringLower(record.Amf.Span),
            record.Schemes,
            record.DigestRealm,
            IfcStorage.Read(record.IfcXml).Count);
    }

    /// <summary>Removes the IMPI and the IMPUs it owns.</summary>
    public async Task<ProvisioningResult> RemoveAsync(string impi, CancellationToken cancellationToken)
    {
        if (await SubscriberTables.ReadImpiAsync(_store, impi, cancellationToken).ConfigureAwait(false) is not { } read)
        {
            return ProvisioningResult.Fail(ProvisioningErrorKind.UnknownUser, $"unknown IMPI '{impi}'");
        }

        await RemoveRowsAsync(read.Record.Impi, read.Record.Impus, cancellationToken).ConfigureAwait(false);
        return ProvisioningResult.Ok;
    }

    private async Task<List<ProvisioningError>> FindConflictsAsync(ValidatedSubscriber subscriber, CancellationToken cancellationToken)
    {
        var errors = new List<ProvisioningError>();
        var impi = subscriber.Impi.Impi;
        var existing = await _store.GetAsync(SubscriberTables.ImpiTable, SubscriberTables.ImpiKey(impi), SubscriberTables.ImpiRow, cancellationToken).ConfigureAwait(false);
        if (existing.IsOk)
        {
            errors.Add(new ProvisioningError(ProvisioningErrorKind.ImpiExists, $"IMPI '{impi}' is already provisioned"));
        }

        foreach (var impu in subscriber.Impus)
        {
            if (await SubscriberTables.ReadImpuAsync(_store, impu.Impu, cancellationToken).ConfigureAwait(false) is { } owned)
            {
                errors.Add(new ProvisioningError(ProvisioningErrorKind.ImpuOwned, $"IMPU '{impu.Impu}' already belongs to '{owned.Record.Impi}'"));
            }
        }

        return errors;
    }

    private async Task<ProvisioningResult> WriteAsync(ValidatedSubscriber subscriber, CancellationToken cancellationToken)
    {
        var impi = subscriber.Impi.Impi;
        var inserted = await _store.InsertAsync(SubscriberTables.ImpiTable, SubscriberTables.ToEntity(subscriber.Impi), cancellationToken).ConfigureAwait(false);
        if (!inserted.IsOk)
        {
            return ProvisioningResult.Fail(ProvisioningErrorKind.ImpiExists, $"IMPI '{impi}' is already provisioned");
        }

        var written = new List<(string Impu, ETag ETag)>();
        async Task RollBackAsync()
        {
            foreach (var (uri, etag) in written)
            {
                await _store.DeleteAsync(SubscriberTables.ImpuTable, SubscriberTables.ImpuKey(uri), SubscriberTables.ImpuRow, etag, CancellationToken.None).ConfigureAwait(false);
            }

            await _store.DeleteAsync(SubscriberTables.ImpiTable, SubscriberTables.ImpiKey(impi), SubscriberTables.ImpiRow, inserted.Value, CancellationToken.None).ConfigureAwait(false);
        }

        try
        {
            foreach (var impu in subscriber.Impus)
            {
                var result = await _store.InsertAsync(SubscriberTables.ImpuTable, SubscriberTables.ToEntity(impu), cancellationToken).ConfigureAwait(false);
                if (!result.IsOk)
                {
                    await RollBackAsync().ConfigureAwait(false);
                    return ProvisioningResult.Fail(ProvisioningErrorKind.ImpuOwned, $"IMPU '{impu.Impu}' was provisioned by someone else meanwhile");
                }

                written.Add((impu.Impu, result.Value));
            }
        }
        catch
        {
            // A failing disk or a cancellation half way must not leave half a subscriber behind.
            await RollBackAsync().ConfigureAwait(false);
            throw;
        }

        return ProvisioningResult.Ok;
    }

    private async Task RemoveRowsAsync(string impi, IEnumerable<string> impus, CancellationToken cancellationToken)
    {
        foreach (var impu in impus)
        {
            // Only rows this IMPI owns: an IMPU re-provisioned to someone else stays theirs.
            if (await SubscriberTables.ReadImpuAsync(_store, impu, cancellationToken).ConfigureAwait(false) is { } read
                && string.Equals(read.Record.Impi, impi, StringComparison.Ordinal))
            {
                await _store.DeleteAsync(SubscriberTables.ImpuTable, SubscriberTables.ImpuKey(impu), SubscriberTables.ImpuRow, read.ETag, cancellationToken).ConfigureAwait(false);
            }
        }

        await _store.DeleteAsync(SubscriberTables.ImpiTable, SubscriberTables.ImpiKey(impi), SubscriberTables.ImpiRow, ETag.Any, cancellationToken).ConfigureAwait(false);
    }
}
