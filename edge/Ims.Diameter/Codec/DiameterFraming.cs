namespace Ims.Diameter.Codec;

/// <summary>
/// Stream framing over TCP: the first four bytes carry the version and the 24-bit message length
/// (RFC 6733 3), which is all that is needed to cut a stream into messages.
/// </summary>
public static class DiameterFraming
{
    /// <summary>A bound on one message so a hostile length cannot make a reader buffer 16 MiB.</summary>
    public const int DefaultMaxMessageLength = 1 << 20;

    /// <summary>
    /// Reads the message length at the start of <paramref name="buffer"/>. On NeedMore the
    /// length is the full length when the header part was there, else 0. Consumes nothing.
    /// </summary>
    public static DiameterFramingStatus TryGetMessageLength(ReadOnlySpan<byte> buffer, out int length, int maxMessageLength = DefaultMaxMessageLength)
    {
        length = 0;
        if (buffer.Length < 4)
        {
            return buffer.Length > 0 && buffer[0] != 1 ? DiameterFramingStatus.Invalid : DiameterFramingStatus.NeedMore;
        }

        var declared = (buffer[1] << 16) | (buffer[2] << 8) | buffer[3];
        if (buffer[0] != 1 || declared < Messages.DiameterHeader.Size || (declared & 3) != 0 || declared > maxMessageLength)
        {
            return DiameterFramingStatus.Invalid;
        }

        length = declared;
        return buffer.Length >= declared ? DiameterFramingStatus.Complete : DiameterFramingStatus.NeedMore;
    }
}
