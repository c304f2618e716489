namespace Ims.Aka.Hex;

/// <summary>Why a hex field (a key, RAND, SQN, AMF from an operator or a table) was refused.</summary>
public enum HexError
{
    None = 0,

    /// <summary>Nothing was given.</summary>
    Missing,

    /// <summary>Not an even number of hex digits.</summary>
    NotHex,

    /// <summary>Valid hex, but not the length the field must have.</summary>
    WrongLength,

    /// <summary>Of two alternative fields (OP or OPc), both or neither were given.</summary>
    NotExactlyOne,
}
