using Ims.Storage;

namespace Ims.Pcrf.Policies;

/// <summary>Reads and writes policies: a subscriber's own, else the default row, else <see cref="MediaPolicy.BuiltIn"/>.</summary>
public sealed class MediaPolicies(ITableStore store)
{
    private readonly ITableStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The policy that applies to <paramref name="subscriber"/> (null: the default) and where it came from.</summary>
    public async Task<(MediaPolicy Policy, string Source)> ResolveAsync(string? subscriber, CancellationToken cancellationToken)
    {
        if (subscriber is { Length: > 0 } && await ReadAsync(PolicyTables.SubscriberKey(subscriber), cancellationToken).ConfigureAwait(false) is { } own)
        {
            return (own, $"the policy of {subscriber.Trim().ToLowerInvariant()}");
        }

        return await ReadAsync(PolicyTables.DefaultPartition, cancellationToken).ConfigureAwait(false) is { } fallback
            ? (fallback, "the default policy")
            : (MediaPolicy.BuiltIn, "the built-in policy");
    }

    /// <summary>The policy written for <paramref name="subscriber"/> (null: the default row), or null when none is.</summary>
    public Task<MediaPolicy?> ReadWrittenAsync(string? subscriber, CancellationToken cancellationToken) =>
        ReadAsync(subscriber is null ? PolicyTables.DefaultPartition : PolicyTables.SubscriberKey(subscriber), cancellationToken);

    public async Task SetAsync(string? subscriber, MediaPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var partition = subscriber is null ? PolicyTables.DefaultPartition : PolicyTables.SubscriberKey(subscriber);
        await _store.UpsertAsync(PolicyTables.PolicyTable, PolicyTables.ToEntity(partition, policy), cancellationToken).ConfigureAwait(false);
    }

    private async Task<MediaPolicy?> ReadAsync(string partition, CancellationToken cancellationToken)
    {
        var read = await _store.GetAsync(PolicyTables.PolicyTable, partition, PolicyTables.PolicyRow, cancellationToken).ConfigureAwait(false);
        return read.IsOk ? PolicyTables.ToPolicy(read.Value!) : null;
    }
}
