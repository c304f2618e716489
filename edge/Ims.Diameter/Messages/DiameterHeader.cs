namespace Ims.Diameter.Messages;

/// <summary>
/// The fixed 20-byte Diameter header (RFC 6733 3) less its length, which the encoder computes
/// from the AVPs so that it can never disagree with them.
/// </summary>
public readonly record struct DiameterHeader(
    DiameterCommandFlags Flags,
    uint CommandCode,
    uint ApplicationId,
    uint HopByHopId,
    uint EndToEndId)
{
    /// <summary>RFC 6733 3: the only version.</summary>
    public const byte Version = 1;

    /// <summary>RFC 6733 3: version (1), length (3), flags (1), command code (3), application id, hop-by-hop, end-to-end (4 each).</summary>
    public const int Size = 20;

    public bool IsRequest => (Flags & DiameterCommandFlags.Request) != 0;

    public bool IsProxiable => (Flags & DiameterCommandFlags.Proxiable) != 0;

    public bool IsError => (Flags & DiameterCommandFlags.Error) != 0;

    public bool IsRetransmitted => (Flags & DiameterCommandFlags.Retransmitted) != 0;
}
