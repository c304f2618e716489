namespace Ims.Diameter.Codec;

/// <summary>Why a message was rejected; each reason maps to one Result-Code (RFC 6733 7.1).</summary>
public enum DiameterErrorReason
{
    /// <summary>Header length field and byte count disagree, or fewer than 20 bytes (5015).</summary>
    InvalidMessageLength,

    /// <summary>Version other than 1 (5011).</summary>
    UnsupportedVersion,

    /// <summary>Reserved command flag bits set, or E with R (3008).</summary>
    InvalidHeaderBits,

    /// <summary>AVP length too small, past its container, or wrong for a fixed-size type (5014).</summary>
    InvalidAvpLength,

    /// <summary>Reserved AVP flag bits set (3009).</summary>
    InvalidAvpBits,

    /// <summary>Value not valid for its type, e.g. an Address of the wrong size, or nesting too deep (5004).</summary>
    InvalidAvpValue,

    /// <summary>Unknown AVP with the M bit (5001).</summary>
    AvpUnsupported,

    /// <summary>A required AVP is absent (5005).</summary>
    MissingAvp,

    /// <summary>Command code not known for the application (3001).</summary>
    CommandUnsupported,

    /// <summary>Application id not supported here (3007).</summary>
    ApplicationUnsupported,
}
