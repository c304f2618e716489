using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Hss.Subscribers;
using Ims.Storage;

namespace Ims.Hss.Cx;

/// <summary>How a request's identities resolved (TS 29.228 6.1.1.1, 6.1.2.1, 6.3.1 step 1).</summary>
internal enum IdentityCheck
{
    Ok,

    /// <summary>DIAMETER_ERROR_USER_UNKNOWN: an identity is not known to this HSS.</summary>
    UserUnknown,

    /// <summary>DIAMETER_ERROR_IDENTITIES_DONT_MATCH: both are known but the IMPU is not the IMPI's.</summary>
    IdentitiesDontMatch,
}

/// <summary>The subscriber rows a request names, read with their ETags.</summary>
internal sealed record CxIdentities(
    IdentityCheck Check,
    ImpiRecord? Impi = null,
    ETag ImpiETag = default,
    ImpuRecord? Impu = null,
    ETag ImpuETag = default)
{
    /// <summary>
    /// Reads the IMPU (when given) and the IMPI (given, or the IMPU's owner) and checks that they
    /// belong together. Either may be absent from the request, but not both.
    /// </summary>
    /// <summary>
    /// The answer to a request whose identities fail the check (TS 29.228 6.1.1.1, 6.1.2.1, 6.3.1 step 1:
    /// DIAMETER_ERROR_USER_UNKNOWN or DIAMETER_ERROR_IDENTITIES_DONT_MATCH), or null when they pass.
    /// </summary>
    public DiameterMessage? Refusal(DiameterMessage request, HssOptions options) => Check switch
    {
        IdentityCheck.UserUnknown => CxAnswer.Result(request, options, DiameterExperimentalResultCode.ErrorUserUnknown),
        IdentityCheck.IdentitiesDontMatch => CxAnswer.Result(request, options, DiameterExperimentalResultCode.ErrorIdentitiesDontMatch),
        _ => null,
    };

    public static async Task<CxIdentities> ReadAsync(ITableStore store, string? impi, string? impu, CancellationToken cancellationToken)
    {
        ImpuRecord? impuRecord = null;
        var impuETag = default(ETag);
        if (impu is not null)
        {
            if (await SubscriberTables.ReadImpuAsync(store, impu, cancellationToken).ConfigureAwait(false) is not { } read)
            {
                return new CxIdentities(IdentityCheck.UserUnknown);
            }

            (impuRecord, impuETag) = read;
        }

        var owner = impi ?? impuRecord?.Impi;
        if (owner is null || await SubscriberTables.ReadImpiAsync(store, owner, cancellationToken).ConfigureAwait(false) is not { } impiRead)
        {
            return new CxIdentities(IdentityCheck.UserUnknown);
        }

        if (impuRecord is not null && !string.Equals(impuRecord.Impi, impiRead.Record.Impi, StringComparison.Ordinal))
        {
            return new CxIdentities(IdentityCheck.IdentitiesDontMatch);
        }

        return new CxIdentities(IdentityCheck.Ok, impiRead.Record, impiRead.ETag, impuRecord, impuETag);
    }
}
