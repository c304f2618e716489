using Ims.Diameter.Codec;
using Ims.Diameter.Messages;
using Ims.Events;
using Ims.Functions;

namespace Ims.Pcrf.Rx;

/// <summary>The PCRF on the bus (Rx, TS 29.214): the adapter every Diameter server shares.</summary>
public sealed class PcrfFunction(PolicyServer pcrf) : DiameterServerFunction(ImsRole.Pcrf)
{
    private readonly PolicyServer _pcrf = pcrf ?? throw new ArgumentNullException(nameof(pcrf));

    public override string Name => "pcrf.rx";

    protected override async Task<(DiameterMessage Answer, string Decision)?> AnswerAsync(DiameterMessage request, CancellationToken cancellationToken) =>
        await _pcrf.HandleAsync(request, cancellationToken).ConfigureAwait(false) is { } answered ? (answered.Answer, answered.Decision) : null;

    protected override (DiameterMessage Answer, string Decision)? Reject(DiameterDecodeError error) =>
        _pcrf.Reject(error) is { } answered ? (answered.Answer, answered.Decision) : null;
}
