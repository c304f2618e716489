using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Diameter.Codec;

/// <summary>
/// A rejected message as a value: the reason, a human-readable detail, and what an error answer
/// needs (RFC 6733 7.2): the header if it could be read, the Session-Id if one was seen, and the
/// offending AVP for Failed-AVP (RFC 6733 7.5).
/// </summary>
public sealed record DiameterDecodeError(
    DiameterErrorReason Reason,
    string Detail,
    DiameterHeader? Header = null,
    DiameterAvp? FailedAvp = null,
    string? SessionId = null)
{
    public DiameterResultCode ResultCode => Reason switch
    {
        DiameterErrorReason.InvalidMessageLength => DiameterResultCode.InvalidMessageLength,
        DiameterErrorReason.UnsupportedVersion => DiameterResultCode.UnsupportedVersion,
        DiameterErrorReason.InvalidHeaderBits => DiameterResultCode.InvalidHdrBits,
        DiameterErrorReason.InvalidAvpLength => DiameterResultCode.InvalidAvpLength,
        DiameterErrorReason.InvalidAvpBits => DiameterResultCode.InvalidAvpBits,
        DiameterErrorReason.InvalidAvpValue => DiameterResultCode.InvalidAvpValue,
        DiameterErrorReason.AvpUnsupported => DiameterResultCode.AvpUnsupported,
        DiameterErrorReason.MissingAvp => DiameterResultCode.MissingAvp,
        DiameterErrorReason.CommandUnsupported => DiameterResultCode.CommandUnsupported,
        DiameterErrorReason.ApplicationUnsupported => DiameterResultCode.ApplicationUnsupported,
        _ => DiameterResultCode.UnableToComply,
    };

    public override string ToString() => $"{ResultCode.Name}: {Detail}";
}
