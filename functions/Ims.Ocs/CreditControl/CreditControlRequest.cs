using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;

namespace Ims.Ocs.CreditControl;

/// <summary>
/// What the OCS reads from a CCR (RFC 4006 3.1, TS 32.299 6.4.2): the request type and number, the
/// charged subscriber from Subscription-Id, and the time asked for and used — top level
/// (single-service, RFC 4006 5.1) or in the first Multiple-Services-Credit-Control (RFC 4006 8.16).
/// </summary>
internal sealed record CreditControlRequest
{
    public required DiameterMessage Message { get; init; }

    public required CcRequestType Type { get; init; }

    public required uint Number { get; init; }

    public required string SessionId { get; init; }

    /// <summary>The subscriber named by Subscription-Id, or null when there is none.</summary>
    public string? Subscriber { get; init; }

    /// <summary>True when Subscription-Id was present but of no type the OCS keeps balances for (IMSI, NAI, private).</summary>
    public bool HasUnsupportedIdentity { get; init; }

    /// <summary>CC-Time of Requested-Service-Unit, when given.</summary>
    public uint? RequestedSeconds { get; init; }

    /// <summary>Sum of CC-Time of every Used-Service-Unit reported.</summary>
    public uint UsedSeconds { get; init; }

    public CcRequestedAction? RequestedAction { get; init; }

    /// <summary>The request carried its units in Multiple-Services-Credit-Control; the answer does the same.</summary>
    public bool MultipleServices { get; init; }

    /// <summary>The request, or the reason it cannot be served (RFC 6733 7.1.5: 5004 or 5005 with Failed-AVP).</summary>
    public static CreditControlRequest? Read(DiameterMessage message, out DiameterDecodeError? error)
    {
        ArgumentNullException.ThrowIfNull(message);
        error = null;
        var header = message.Header;
        var sessionId = message.SessionId ?? string.Empty;
        var typeAvp = message.Find(Avps.CcRequestType)!;
        if (!typeAvp.TryGetUnsigned32(out var type) || type is < 1 or > 4)
        {
            error = new DiameterDecodeError(DiameterErrorReason.InvalidAvpValue, "CC-Request-Type must be 1-4 (RFC 4006 8.3)", header, typeAvp, sessionId);
            return null;
        }

        var numberAvp = message.Find(Avps.CcRequestNumber)!;
        if (!numberAvp.TryGetUnsigned32(out var number))
        {
            error = new DiameterDecodeError(DiameterErrorReason.InvalidAvpValue, "CC-Request-Number must be an Unsigned32", header, numberAvp, sessionId);
            return null;
        }

        string? subscriber = null;
        var unsupported = false;
        foreach (var id in message.FindAll(Avps.SubscriptionId))
        {
            var idType = id.Find(Avps.SubscriptionIdType.Code);
            var idData = id.Find(Avps.SubscriptionIdData.Code);
            if (idType is null || idData is null)
            {
                // RFC 4006 8.46: both members are required.
                error = new DiameterDecodeError(DiameterErrorReason.MissingAvp, "Subscription-Id needs Subscription-Id-Type and Subscription-Id-Data (RFC 4006 8.46)", header, id, sessionId);
                return null;
            }

            if (!idType.TryGetUnsigned32(out var kind) || kind > 4)
            {
                error = new DiameterDecodeError(DiameterErrorReason.InvalidAvpValue, "Subscription-Id-Type must be 0-4 (RFC 4006 8.47)", header, idType, sessionId);
                return null;
            }

            var data = idData.GetString().Trim();
            switch ((SubscriptionIdType)kind)
            {
                // A SIP URI names the IMPU exactly; it wins over an E.164 number given beside it.
                case SubscriptionIdType.EndUserSipUri when data.Length > 0:
                    subscriber = data;
                    break;
                case SubscriptionIdType.EndUserE164 when data.Length > 0:
                    subscriber ??= data;
                    break;
                default:
                    unsupported = true;
                    break;
            }
        }

        var requested = ReadTime(message.Find(Avps.RequestedServiceUnit));
        var used = message.FindAll(Avps.UsedServiceUnit).Sum(u => (long)(ReadTime(u) ?? 0));
        var multiple = false;
        if (message.Find(Avps.MultipleServicesCreditControl) is { } mscc)
        {
            multiple = true;
            requested ??= ReadTime(mscc.Find(Avps.RequestedServiceUnit.Code));
            used += mscc.Children.Where(c => c.Code == Avps.UsedServiceUnit.Code && c.VendorId == 0).Sum(u => (long)(ReadTime(u) ?? 0));
        }

        CcRequestedAction? action = null;
        if (message.Find(Avps.RequestedAction) is { } actionAvp)
        {
            if (!actionAvp.TryGetUnsigned32(out var value) || value > 3)
            {
                error = new DiameterDecodeError(DiameterErrorReason.InvalidAvpValue, "Requested-Action must be 0-3 (RFC 4006 8.41)", header, actionAvp, sessionId);
                return null;
            }

            action = (CcRequestedAction)value;
        }

        var request = new CreditControlRequest
        {
            Message = message,
            Type = (CcRequestType)type,
            Number = number,
            SessionId = sessionId,
            Subscriber = subscriber,
            HasUnsupportedIdentity = subscriber is null && unsupported,
            RequestedSeconds = requested,
            UsedSeconds = (uint)Math.Min(uint.MaxValue, used),
            RequestedAction = action,
            MultipleServices = multiple,
        };

        // TS 32.299 6.4.2: a session is opened, and an event charged, for a subscriber.
        if (request.Type is CcRequestType.Initial or CcRequestType.Event && !message.FindAll(Avps.SubscriptionId).Any())
        {
            error = new DiameterDecodeError(DiameterErrorReason.MissingAvp, $"CCR-{Letter(request.Type)} lacks Subscription-Id (TS 32.299 6.4.2)", header,
                new DiameterAvp(Avps.SubscriptionId.Code, Avps.SubscriptionId.Flags, 0, Array.Empty<DiameterAvp>()), sessionId);
            return null;
        }

        // RFC 4006 8.41: an EVENT request says what it wants done.
        if (request.Type == CcRequestType.Event && action is null)
        {
            error = new DiameterDecodeError(DiameterErrorReason.MissingAvp, "CCR-E lacks Requested-Action (RFC 4006 8.41)", header,
                new DiameterAvp(Avps.RequestedAction.Code, Avps.RequestedAction.Flags, 0, new byte[4]), sessionId);
            return null;
        }

        return request;
    }

    public static string Letter(CcRequestType type) => type switch
    {
        CcRequestType.Initial => "I",
        CcRequestType.Update => "U",
        CcRequestType.Termination => "T",
        _ => "E",
    };

    // RFC 4006 8.18, 8.19: the time of a service unit is its CC-Time.
    private static uint? ReadTime(DiameterAvp? unit) =>
        unit?.Find(Avps.CcTime.Code) is { } time && time.TryGetUnsigned32(out var seconds) ? seconds : null;
}
