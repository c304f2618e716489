namespace Ims.Aka.Vectors;

/// <summary>Why a USIM would refuse a challenge (TS 33.102 6.3.3).</summary>
public enum AutnError
{
    None = 0,

    /// <summary>RAND is not 16 bytes or AUTN is not 16 bytes.</summary>
    Malformed,

    /// <summary>XMAC != MAC-A: the network is not authentic (the UE answers "MAC failure").</summary>
    MacFailure,
}
