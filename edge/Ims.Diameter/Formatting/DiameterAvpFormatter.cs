using System.Globalization;
using System.Text;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Diameter.Formatting;

/// <summary>Renders AVP values and flags for people (the CLI and logs); never for the wire.</summary>
public static class DiameterAvpFormatter
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Flags as letters in wire order ("VMP"), or "-" when none.</summary>
    public static string FormatFlags(DiameterAvpFlags flags)
    {
        var text = (flags.HasFlag(DiameterAvpFlags.VendorSpecific) ? "V" : "")
            + (flags.HasFlag(DiameterAvpFlags.Mandatory) ? "M" : "")
            + (flags.HasFlag(DiameterAvpFlags.Protected) ? "P" : "");
        return text.Length == 0 ? "-" : text;
    }

    public static string FormatFlags(DiameterCommandFlags flags)
    {
        var text = (flags.HasFlag(DiameterCommandFlags.Request) ? "R" : "")
            + (flags.HasFlag(DiameterCommandFlags.Proxiable) ? "P" : "")
            + (flags.HasFlag(DiameterCommandFlags.Error) ? "E" : "")
            + (flags.HasFlag(DiameterCommandFlags.Retransmitted) ? "T" : "");
        return text.Length == 0 ? "-" : text;
    }

    /// <summary>The value as text by the row's type: quoted strings, decimal numbers, dotted addresses, hex for opaque bytes.</summary>
    public static string FormatValue(DiameterAvp avp, AvpDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(avp);
        var data = avp.Data.Span;
        var invariant = CultureInfo.InvariantCulture;
        switch (definition?.Type)
        {
            case AvpType.UTF8String or AvpType.DiameterIdentity or AvpType.DiameterURI or AvpType.IPFilterRule:
                return TryText(data, out var text) ? Quote(text) : Hex(data);
            case AvpType.OctetString:
                return TryText(data, out var octets) && IsPrintable(octets) ? Quote(octets) : Hex(data);
            case AvpType.Unsigned32 or AvpType.Enumerated when avp.TryGetUnsigned32(out var u32):
                return definition.Type == AvpType.Enumerated ? ((int)u32).ToString(invariant) : u32.ToString(invariant);
            case AvpType.Integer32 when avp.TryGetInteger32(out var i32):
                return i32.ToString(invariant);
            case AvpType.Unsigned64 when avp.TryGetUnsigned64(out var u64):
                return u64.ToString(invariant);
            case AvpType.Integer64 when avp.TryGetInteger64(out var i64):
                return i64.ToString(invariant);
            case AvpType.Float32 when avp.TryGetFloat32(out var f32):
                return f32.ToString("R", invariant);
            case AvpType.Float64 when avp.TryGetFloat64(out var f64):
                return f64.ToString("R", invariant);
            case AvpType.Time when avp.TryGetTime(out var time):
                return time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", invariant);
            case AvpType.Address when avp.TryGetAddress(out var address):
                return address.ToString();
            default:
                return Hex(data);
        }
    }

    private static bool TryText(ReadOnlySpan<byte> data, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(data);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static bool IsPrintable(string text) => text.Length > 0 && text.All(c => !char.IsControl(c) || c is '\r' or '\n' or '\t');

    private static string Quote(string text) => $"'{text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}'";

    private static string Hex(ReadOnlySpan<byte> data) => "0x" + Convert.ToHexStringLower(data);
}
