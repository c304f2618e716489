using Ims.Diameter.Codec;
using Ims.Diameter.Messages;
using Ims.Events;
using Ims.Functions;

namespace Ims.Ocs.CreditControl;

/// <summary>The OCS on the bus (Ro, RFC 4006): the adapter every Diameter server shares.</summary>
public sealed class OcsFunction(OnlineChargingServer ocs) : DiameterServerFunction(ImsRole.Ocs)
{
    private readonly OnlineChargingServer _ocs = ocs ?? throw new ArgumentNullException(nameof(ocs));

    public override string Name => "ocs.ro";

    protected override async Task<(DiameterMessage Answer, string Decision)?> AnswerAsync(DiameterMessage request, CancellationToken cancellationToken) =>
        await _ocs.HandleAsync(request, cancellationToken).ConfigureAwait(false) is { } answered ? (answered.Answer, answered.Decision) : null;

    protected override (DiameterMessage Answer, string Decision)? Reject(DiameterDecodeError error) =>
        _ocs.Reject(error) is { } answered ? (answered.Answer, answered.Decision) : null;
}
