using Ims.Diameter.Dictionary;

namespace Ims.Diameter.Messages;

/// <summary>A whole Diameter message (RFC 6733 3): the header and the top-level AVPs in wire order.</summary>
public sealed class DiameterMessage
{
    public DiameterMessage(DiameterHeader header, IReadOnlyList<DiameterAvp> avps)
    {
        ArgumentNullException.ThrowIfNull(avps);
        Header = header;
        Avps = avps;
    }

    public DiameterHeader Header { get; }

    public IReadOnlyList<DiameterAvp> Avps { get; }

    public bool IsRequest => Header.IsRequest;

    public uint CommandCode => Header.CommandCode;

    public uint ApplicationId => Header.ApplicationId;

    /// <summary>The first top-level AVP with this definition's code and vendor, or null.</summary>
    public DiameterAvp? Find(AvpDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return DiameterAvp.FindIn(Avps, definition.Code, definition.VendorId);
    }

    /// <summary>Every top-level AVP with this definition's code and vendor, in wire order.</summary>
    public IEnumerable<DiameterAvp> FindAll(AvpDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Avps.Where(a => a.Code == definition.Code && a.VendorId == definition.VendorId);
    }

    /// <summary>The string value of a top-level AVP (UTF8String, DiameterIdentity, DiameterURI), or null when absent.</summary>
    public string? GetString(AvpDefinition definition) => Find(definition)?.GetString();

    /// <summary>The Unsigned32/Enumerated value of a top-level AVP, or null when absent or malformed.</summary>
    public uint? GetUnsigned32(AvpDefinition definition) =>
        Find(definition) is { } avp && avp.TryGetUnsigned32(out var value) ? value : null;

    public string? SessionId => GetString(Dictionary.Avps.SessionId);

    public string? OriginHost => GetString(Dictionary.Avps.OriginHost);

    public string? OriginRealm => GetString(Dictionary.Avps.OriginRealm);
}
