using System.Net;
using Ims.Hss.Provisioning;

namespace Ims.Functions.Azure.Provisioning;

/// <summary>The HTTP status of a refused provisioning call: unknown → 404, taken → 409, anything malformed → 400.</summary>
public static class ProvisioningStatus
{
    public static HttpStatusCode Of(ProvisioningResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var kinds = result.Errors.Select(e => e.Kind).ToList();
        if (kinds.Count == 0)
        {
            return HttpStatusCode.OK;
        }

        if (kinds.All(k => k == ProvisioningErrorKind.UnknownUser))
        {
            return HttpStatusCode.NotFound;
        }

        return kinds.All(k => k is ProvisioningErrorKind.ImpiExists or ProvisioningErrorKind.ImpuOwned or ProvisioningErrorKind.StoreConflict)
            ? HttpStatusCode.Conflict
            : HttpStatusCode.BadRequest;
    }
}
