using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Diameter.Building;

/// <summary>
/// Builds a request or an answer. Identifiers come from the caller (the peer layer owns the
/// hop-by-hop and end-to-end counters), so building stays pure.
/// </summary>
public sealed class DiameterMessageBuilder : AvpListBuilder<DiameterMessageBuilder>
{
    private readonly DiameterHeader _header;
    private readonly IReadOnlyList<DiameterAvp> _trailing;

    private DiameterMessageBuilder(DiameterHeader header, IReadOnlyList<DiameterAvp> trailing)
    {
        _header = header;
        _trailing = trailing;
    }

    /// <summary>A request of <paramref name="command"/>; proxiable unless a base peer command (RFC 6733 5.3.1, 5.4.1, 5.5.1: CER, DPR, DWR are not).</summary>
    public static DiameterMessageBuilder Request(CommandDefinition command, uint hopByHopId, uint endToEndId)
    {
        ArgumentNullException.ThrowIfNull(command);
        var flags = DiameterCommandFlags.Request | (command.ApplicationId == 0 ? DiameterCommandFlags.None : DiameterCommandFlags.Proxiable);
        return new DiameterMessageBuilder(new DiameterHeader(flags, command.Code, command.ApplicationId, hopByHopId, endToEndId), []);
    }

    public static DiameterMessageBuilder Request(DiameterHeader header) =>
        new(header with { Flags = header.Flags | DiameterCommandFlags.Request }, []);

    /// <summary>
    /// An answer to <paramref name="request"/> (RFC 6733 6.2): same command, application,
    /// identifiers and P bit, R cleared; Session-Id first when the request had one (RFC 6733 8.8),
    /// and the request's Proxy-Info AVPs copied at the end in order (RFC 6733 6.2 step 4).
    /// </summary>
    public static DiameterMessageBuilder Answer(DiameterMessage request, bool error = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        var flags = (request.Header.Flags & DiameterCommandFlags.Proxiable) | (error ? DiameterCommandFlags.Error : DiameterCommandFlags.None);
        var builder = new DiameterMessageBuilder(request.Header with { Flags = flags }, [.. request.FindAll(Dictionary.Avps.ProxyInfo)]);
        if (request.Find(Dictionary.Avps.SessionId) is { } sessionId)
        {
            builder.Add(sessionId);
        }

        return builder;
    }

    /// <summary>An answer to a request whose header is all that could be read.</summary>
    public static DiameterMessageBuilder Answer(DiameterHeader request, string? sessionId, bool error)
    {
        var flags = (request.Flags & DiameterCommandFlags.Proxiable) | (error ? DiameterCommandFlags.Error : DiameterCommandFlags.None);
        var builder = new DiameterMessageBuilder(request with { Flags = flags }, []);
        if (sessionId is not null)
        {
            builder.Add(Dictionary.Avps.SessionId, sessionId);
        }

        return builder;
    }

    public DiameterMessageBuilder AddResultCode(DiameterResultCode resultCode) => Add(Dictionary.Avps.ResultCode, resultCode.Value);

    /// <summary>Experimental-Result { Vendor-Id, Experimental-Result-Code } (RFC 6733 7.6).</summary>
    public DiameterMessageBuilder AddExperimentalResult(DiameterExperimentalResultCode code) =>
        Add(Dictionary.Avps.ExperimentalResult, result => result
            .Add(Dictionary.Avps.VendorId, code.VendorId)
            .Add(Dictionary.Avps.ExperimentalResultCode, code.Value));

    public DiameterMessage Build() => new(_header, [.. Avps, .. _trailing]);
}
