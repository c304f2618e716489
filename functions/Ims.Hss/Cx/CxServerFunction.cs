using Ims.Diameter.Codec;
using Ims.Diameter.Messages;
using Ims.Events;
using Ims.Functions;

namespace Ims.Hss.Cx;

/// <summary>The HSS on the bus (Cx, TS 29.229): the adapter every Diameter server shares.</summary>
public sealed class CxServerFunction(HomeSubscriberServer hss) : DiameterServerFunction(ImsRole.Hss)
{
    private readonly HomeSubscriberServer _hss = hss ?? throw new ArgumentNullException(nameof(hss));

    public override string Name => "hss.cx";

    protected override async Task<(DiameterMessage Answer, string Decision)?> AnswerAsync(DiameterMessage request, CancellationToken cancellationToken) =>
        await _hss.HandleAsync(request, cancellationToken).ConfigureAwait(false) is { } answered ? (answered.Answer, answered.Decision) : null;

    protected override (DiameterMessage Answer, string Decision)? Reject(DiameterDecodeError error) =>
        _hss.Reject(error) is { } answered ? (answered.Answer, answered.Decision) : null;
}
