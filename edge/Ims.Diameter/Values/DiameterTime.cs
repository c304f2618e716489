namespace Ims.Diameter.Values;

/// <summary>
/// The Time format (RFC 6733 4.3.1): seconds since 1900-01-01 UTC in four bytes, as NTP
/// (RFC 5905). Values with the top bit clear belong to the era that starts in 2036.
/// </summary>
public static class DiameterTime
{
    private static readonly DateTimeOffset Era0 = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Era1 = Era0.AddSeconds(4294967296d);

    public static DateTimeOffset FromNtpSeconds(uint seconds) =>
        (seconds & 0x80000000u) != 0 ? Era0.AddSeconds(seconds) : Era1.AddSeconds(seconds);

    /// <summary>Seconds for the wire; times outside 1968..2104 cannot be represented and are a programmer error.</summary>
    public static uint ToNtpSeconds(DateTimeOffset time)
    {
        var seconds = (long)Math.Floor((time - Era0).TotalSeconds);
        if (seconds >= 0x80000000L && seconds <= 0xFFFFFFFFL)
        {
            return (uint)seconds;
        }

        var era1 = seconds - 4294967296L;
        if (era1 >= 0 && era1 < 0x80000000L)
        {
            return (uint)era1;
        }

        throw new ArgumentOutOfRangeException(nameof(time), time, "outside the range of the Diameter Time format");
    }
}
