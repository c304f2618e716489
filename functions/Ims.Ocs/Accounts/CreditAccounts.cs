using Ims.Storage;

namespace Ims.Ocs.Accounts;

/// <summary>
/// Reads and changes balances in the table store. Every change is a read-modify-write guarded by
/// the row's ETag and retried on a conflict, so concurrent sessions of one subscriber see each
/// other's reservations and never spend the same units twice.
/// </summary>
public sealed class CreditAccounts(ITableStore store)
{
    /// <summary>Attempts before a change gives up under contention.</summary>
    public const int MaxAttempts = 16;

    private readonly ITableStore _store = store ?? throw new ArgumentNullException(nameof(store));

    public async Task<CreditAccount?> ReadAsync(string subscriber, CancellationToken cancellationToken)
    {
        var read = await _store.GetAsync(CreditTables.AccountTable, CreditTables.AccountKey(subscriber), CreditTables.AccountRow, cancellationToken).ConfigureAwait(false);
        return read.IsOk ? CreditTables.ToAccount(read.Value!) : null;
    }

    /// <summary>
    /// Sets the balance (and unit and rate) an operator gives, keeping what open sessions hold reserved.
    /// </summary>
    public async Task<CreditAccount> SetAsync(CreditAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var key = CreditTables.AccountKey(account.Subscriber);
            var read = await _store.GetAsync(CreditTables.AccountTable, key, CreditTables.AccountRow, cancellationToken).ConfigureAwait(false);
            if (read.Status == StoreStatus.NotFound)
            {
                var inserted = await _store.InsertAsync(CreditTables.AccountTable, CreditTables.ToEntity(account), cancellationToken).ConfigureAwait(false);
                if (inserted.IsOk)
                {
                    return account;
                }

                continue;
            }

            var reserved = read.IsOk && CreditTables.ToAccount(read.Value!) is { } current ? current.Reserved : 0;
            var next = account with { Reserved = reserved };
            var replaced = await _store.ReplaceAsync(CreditTables.AccountTable, CreditTables.ToEntity(next, read.Value!.ETag), cancellationToken).ConfigureAwait(false);
            if (replaced.IsOk)
            {
                return next;
            }
        }

        throw new InvalidOperationException($"the balance of {account.Subscriber} changed {MaxAttempts} times while being set");
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current account and writes it if its ETag still
    /// holds, re-reading and re-applying on a conflict. <paramref name="change"/> returns null to
    /// leave the account as it is. Null result: no such account.
    /// </summary>
    public async Task<CreditAccountChange?> ChangeAsync(string subscriber, Func<CreditAccount, CreditAccount?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var key = CreditTables.AccountKey(subscriber);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var read = await _store.GetAsync(CreditTables.AccountTable, key, CreditTables.AccountRow, cancellationToken).ConfigureAwait(false);
            if (!read.IsOk || CreditTables.ToAccount(read.Value!) is not { } before)
            {
                return null;
            }

            if (change(before) is not { } after)
            {
                return new CreditAccountChange(before, before);
            }

            var written = await _store.ReplaceAsync(CreditTables.AccountTable, CreditTables.ToEntity(after, read.Value!.ETag), cancellationToken).ConfigureAwait(false);
            if (written.IsOk)
            {
                return new CreditAccountChange(before, after);
            }
        }

        throw new InvalidOperationException($"the balance of {subscriber} stayed contended for {MaxAttempts} attempts");
    }
}

/// <summary>An account before and after one change.</summary>
public sealed record CreditAccountChange(CreditAccount Before, CreditAccount After);
