using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;

namespace Ims.Diameter.Validation;

/// <summary>
/// Checks a decoded request against a dictionary before a handler sees it: application and
/// command supported (RFC 6733 7.1.3), no unknown AVP with the M bit (RFC 6733 4.1), and the
/// command's required AVPs present (RFC 6733 7.1.5, DIAMETER_MISSING_AVP).
/// </summary>
public static class DiameterRequestValidator
{
    public static DiameterDecodeError? Validate(DiameterMessage request, DiameterDictionary? dictionary = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        dictionary ??= DiameterDictionary.Ims;
        var header = request.Header;
        var sessionId = request.SessionId;
        if (!dictionary.Applications.Contains(header.ApplicationId))
        {
            return new DiameterDecodeError(DiameterErrorReason.ApplicationUnsupported, $"application {header.ApplicationId} is not supported", header, null, sessionId);
        }

        var command = dictionary.FindCommand(header.ApplicationId, header.CommandCode);
        if (command is null)
        {
            return new DiameterDecodeError(DiameterErrorReason.CommandUnsupported, $"command {header.CommandCode} is not supported in application {header.ApplicationId}", header, null, sessionId);
        }

        if (FindUnsupportedMandatory(request.Avps, dictionary) is { } unknown)
        {
            return new DiameterDecodeError(DiameterErrorReason.AvpUnsupported, $"AVP {unknown.Code} (vendor {unknown.VendorId}) has the M bit but is unknown", header, unknown, sessionId);
        }

        if (!header.IsRequest)
        {
            return null;
        }

        foreach (var required in command.RequiredRequestAvps)
        {
            if (request.Find(required) is null)
            {
                return new DiameterDecodeError(DiameterErrorReason.MissingAvp, $"{command.RequestAbbreviation} lacks {required.Name}", header, ExampleOf(required), sessionId);
            }
        }

        return null;
    }

    private static DiameterAvp? FindUnsupportedMandatory(IReadOnlyList<DiameterAvp> avps, DiameterDictionary dictionary)
    {
        foreach (var avp in avps)
        {
            if (avp.IsMandatory && dictionary.FindAvp(avp.Code, avp.VendorId) is null)
            {
                return avp;
            }

            if (avp.IsGrouped && FindUnsupportedMandatory(avp.Children, dictionary) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    // RFC 6733 7.5: for a missing AVP, Failed-AVP carries an example of it with a zero-filled value of minimum length.
    private static DiameterAvp ExampleOf(AvpDefinition definition) => definition.IsGrouped
        ? new DiameterAvp(definition.Code, definition.Flags, definition.VendorId, Array.Empty<DiameterAvp>())
        : new DiameterAvp(definition.Code, definition.Flags, definition.VendorId, new byte[definition.FixedLength ?? (definition.Type == AvpType.Address ? 6 : 0)]);
}
