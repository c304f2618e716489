namespace Ims.Diameter.Values;

/// <summary>IANA enterprise numbers that appear in IMS dictionaries.</summary>
public static class DiameterVendorId
{
    /// <summary>IETF AVPs carry no vendor id (RFC 6733 4.1).</summary>
    public const uint Ietf = 0;

    /// <summary>3GPP (TS 29.229 6.3, TS 29.214 5.3, TS 32.299 7.2).</summary>
    public const uint ThirdGeneration = 10415;

    /// <summary>ETSI (TS 183 017 / ES 283 034 AVPs reused by TS 29.214).</summary>
    public const uint Etsi = 13019;
}
