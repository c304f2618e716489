namespace Ims.Diameter.Codec;

/// <summary>What a stream buffer holds at its start.</summary>
public enum DiameterFramingStatus
{
    /// <summary>At least one whole message: the length says how many bytes it takes.</summary>
    Complete,

    /// <summary>Not enough bytes yet; read more and ask again.</summary>
    NeedMore,

    /// <summary>The header cannot start a Diameter message: the connection has lost framing and must close (RFC 6733 3).</summary>
    Invalid,
}
