namespace Ims.Aka.Hex;

/// <summary>
/// Reads and writes the hex form of AKA values (K, OP, OPc, RAND, SQN, AMF) as operators, the
/// CLI and subscriber tables hold them. Bad text is a typed failure naming the field.
/// </summary>
public static class HexField
{
    /// <summary>Parses <paramref name="text"/> as exactly <paramref name="length"/> bytes of hex.</summary>
    /// <param name="name">The field's name, used in the failure message (e.g. "--k" or "OPc").</param>
    public static AkaResult<byte[], HexError> Parse(string name, string? text, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (string.IsNullOrEmpty(text))
        {
            return AkaResult<byte[], HexError>.Failure(HexError.Missing, $"{name}: no value given");
        }

        // The text may be a key with a typo: say where it is wrong, never echo it.
        var bad = FirstNonHex(text);
        if (bad >= 0)
        {
            return AkaResult<byte[], HexError>.Failure(HexError.NotHex, $"{name}: character {bad + 1} is not a hex digit");
        }

        if (text.Length % 2 != 0)
        {
            return AkaResult<byte[], HexError>.Failure(HexError.NotHex, $"{name}: odd number of hex digits ({text.Length})");
        }

        if (text.Length != length * 2)
        {
            return AkaResult<byte[], HexError>.Failure(
                HexError.WrongLength, $"{name}: expected {length} bytes ({length * 2} hex digits), got {text.Length / 2}");
        }

        return AkaResult<byte[], HexError>.Success(Convert.FromHexString(text));
    }

    /// <summary>Lower-case hex, the one form this project prints.</summary>
    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    private static int FirstNonHex(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiHexDigit(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
