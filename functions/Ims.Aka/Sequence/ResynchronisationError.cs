namespace Ims.Aka.Sequence;

/// <summary>
/// Why an AUTS was refused. The HSS answers a refused resynchronisation as an authentication
/// failure (TS 29.228 6.3.13 / TS 33.102 6.3.5), never by moving SQN_HE.
/// </summary>
public enum ResynchronisationError
{
    None = 0,

    /// <summary>RAND is not 16 bytes.</summary>
    MalformedRand,

    /// <summary>AUTS is not 14 bytes.</summary>
    MalformedAuts,

    /// <summary>MAC-S does not verify: a forged, corrupted or mismatched (other RAND) AUTS.</summary>
    MacMismatch,
}
