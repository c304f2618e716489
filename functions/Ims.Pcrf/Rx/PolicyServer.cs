using Ims.Diameter.Answers;
using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Validation;
using Ims.Diameter.Values;
using Ims.Pcrf.Policies;
using Ims.Sip.Sdp;
using Ims.Storage;

namespace Ims.Pcrf.Rx;

/// <summary>
/// The PCRF side of Rx (TS 29.214 4.4, 5.6) as a pure handler: AAR is judged against the
/// subscriber's media policy and answered DIAMETER_SUCCESS with the session stored, or
/// Experimental-Result REQUESTED_SERVICE_NOT_AUTHORIZED (5063) with the reason; STR removes the
/// session (STA DIAMETER_SUCCESS), and either of them for a session it does not hold is
/// DIAMETER_UNKNOWN_SESSION_ID. Nothing throws out of <see cref="HandleAsync"/>.
/// </summary>
public sealed class PolicyServer
{
    // TS 29.214 5.3.19 Media-Type values and their SDP media names.
    private static readonly string[] MediaNames = ["audio", "video", "data", "application", "control", "text", "message"];

    private readonly ITableStore _store;
    private readonly PcrfOptions _options;
    private readonly MediaPolicies _policies;

    public PolicyServer(ITableStore store, PcrfOptions options)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _policies = new MediaPolicies(store);
    }

    public async Task<RxAnswered?> HandleAsync(DiameterMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsRequest)
        {
            return null;
        }

        if (DiameterRequestValidator.Validate(request) is { } invalid)
        {
            return Refused(invalid);
        }

        if (request.ApplicationId != DiameterApplicationId.Rx.Value)
        {
            return Refused(new DiameterDecodeError(DiameterErrorReason.ApplicationUnsupported, $"application {request.ApplicationId} is not served by the PCRF", request.Header, null, request.SessionId));
        }

        try
        {
            return request.CommandCode switch
            {
                265 => await AuthoriseAsync(request, cancellationToken).ConfigureAwait(false),
                275 => await TerminateAsync(request, cancellationToken).ConfigureAwait(false),
                _ => Refused(new DiameterDecodeError(DiameterErrorReason.CommandUnsupported, $"the PCRF receives AAR and STR, not command {request.CommandCode}", request.Header, null, request.SessionId)),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new RxAnswered(Answer(request).AddResultCode(DiameterResultCode.UnableToComply).Build(), $"PCRF failure: {ex.GetType().Name}");
        }
    }

    public RxAnswered? Reject(DiameterDecodeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return DiameterErrorAnswer.Create(error, _options.OriginHost, _options.OriginRealm) is { } answer
            ? new RxAnswered(answer, $"undecodable request refused: {error.ResultCode.Name} ({error.Detail})")
            : null;
    }

    private async Task<RxAnswered> AuthoriseAsync(DiameterMessage aar, CancellationToken cancellationToken)
    {
        var sessionId = aar.SessionId!;
        var subscriber = Subscriber(aar);
        var media = new List<RequestedMedia>();
        foreach (var component in aar.FindAll(Avps.MediaComponentDescription))
        {
            if (ReadComponent(component, out var failed) is not { } requested)
            {
                var error = new DiameterDecodeError(DiameterErrorReason.InvalidAvpValue, "Media-Type must be a TS 29.214 5.3.19 value", aar.Header, failed, sessionId);
                return Refused(error);
            }

            media.Add(requested);
        }

        var (policy, source) = await _policies.ResolveAsync(subscriber, cancellationToken).ConfigureAwait(false);
        var who = subscriber ?? "an unnamed subscriber";
        foreach (var component in media)
        {
            if (policy.Refuse(component) is { } reason)
            {
                // TS 29.214 5.5.3: the service information is not covered by the subscriber's authorisation.
                var refusal = Answer(aar).AddExperimentalResult(DiameterExperimentalResultCode.RequestedServiceNotAuthorized).Build();
                return new RxAnswered(refusal, $"AAA 5063 REQUESTED_SERVICE_NOT_AUTHORIZED for {who}: {reason} under {source}");
            }
        }

        var afHost = aar.OriginHost!;
        var record = new RxSessionRecord(sessionId, subscriber?.Trim().ToLowerInvariant() ?? string.Empty, afHost, aar.OriginRealm ?? string.Empty, ReadText(aar.Find(Avps.AfChargingIdentifier)) ?? string.Empty);
        // An update of a session this PCRF already holds as it is (TS 29.214 4.4.2: same AF, subscriber
        // and icid) changes no row; writes are what bound the calls per second.
        var held = await _store.GetAsync(PolicyTables.SessionTable, PolicyTables.SessionKey(sessionId), PolicyTables.SessionRow, cancellationToken).ConfigureAwait(false);
        var unchanged = held.IsOk && PolicyTables.ToSession(held.Value!) == record;
        if (!unchanged)
        {
            await _store.UpsertAsync(PolicyTables.SessionTable, PolicyTables.ToEntity(record), cancellationToken).ConfigureAwait(false);
        }

        if (!unchanged && record.Subscriber.Length > 0)
        {
            // The index an operator's release reads (`ims policy release`); written after the session,
            // so an index row always points at a session that existed (a stale one is dropped on release).
            await _store.UpsertAsync(PolicyTables.SubscriberSessionTable, PolicyTables.ToIndexEntity(record), cancellationToken).ConfigureAwait(false);
        }

        var kinds = media.Count == 0 ? "no media components" : string.Join(", ", media.Select(m => m.Codecs.Count == 0 ? m.Type : $"{m.Type} ({string.Join('/', m.Codecs)})"));
        return new RxAnswered(Answer(aar).AddResultCode(DiameterResultCode.Success).Build(), $"AAA 2001 for {who}: {kinds} allowed by {source}; session {sessionId} of {afHost}");
    }

    private async Task<RxAnswered> TerminateAsync(DiameterMessage str, CancellationToken cancellationToken)
    {
        var sessionId = str.SessionId!;
        var (removed, held) = await PolicyTables.RemoveSessionAsync(_store, sessionId, cancellationToken).ConfigureAwait(false);
        if (!removed)
        {
            return new RxAnswered(Answer(str).AddResultCode(DiameterResultCode.UnknownSessionId).Build(), $"STA 5002: no Rx session {sessionId}");
        }

        var how = str.Find(Avps.TerminationCause) is { } cause && cause.TryGetUnsigned32(out var value) ? $" (Termination-Cause {value})" : string.Empty;
        if (held is { Subscriber.Length: > 0 } session)
        {
            return new RxAnswered(Answer(str).AddResultCode(DiameterResultCode.Success).Build(), $"STA 2001: session {sessionId} of {session.Subscriber} ended{how}");
        }

        return new RxAnswered(Answer(str).AddResultCode(DiameterResultCode.Success).Build(), $"STA 2001: session {sessionId} ended{how}");
    }

    // TS 29.214 5.6.2: AAA carries Session-Id, Auth-Application-Id, Origin-Host, Origin-Realm and the result.
    private DiameterMessageBuilder Answer(DiameterMessage request) =>
        DiameterMessageBuilder.Answer(request)
            .Add(Avps.AuthApplicationId, DiameterApplicationId.Rx.Value)
            .Add(Avps.OriginHost, _options.OriginHost)
            .Add(Avps.OriginRealm, _options.OriginRealm);

    private RxAnswered Refused(DiameterDecodeError error) =>
        new(DiameterErrorAnswer.Create(error, _options.OriginHost, _options.OriginRealm)!, $"Rx request refused: {error.ResultCode.Name} ({error.Detail})");

    private static string? Subscriber(DiameterMessage aar)
    {
        string? e164 = null;
        foreach (var id in aar.FindAll(Avps.SubscriptionId))
        {
            var type = id.Find(Avps.SubscriptionIdType.Code);
            var data = ReadText(id.Find(Avps.SubscriptionIdData.Code));
            if (type is null || data is null || !type.TryGetUnsigned32(out var kind))
            {
                continue;
            }

            // RFC 4006 8.47: END_USER_SIP_URI (2) names the IMPU; END_USER_E164 (0) its tel URI.
            if (kind == 2)
            {
                return data;
            }

            if (kind == 0)
            {
                e164 ??= "tel:+" + data.TrimStart('+');
            }
        }

        return e164;
    }

    private static RequestedMedia? ReadComponent(DiameterAvp component, out DiameterAvp? failed)
    {
        failed = null;
        string? type = null;
        if (component.Find(Avps.MediaType.Code, Avps.MediaType.VendorId) is { } typeAvp)
        {
            if (!typeAvp.TryGetUnsigned32(out var value) || (value >= MediaNames.Length && value != 0xFFFFFFFF))
            {
                failed = typeAvp;
                return null;
            }

            type = value < MediaNames.Length ? MediaNames[value] : "other";
        }

        var codecs = new List<string>();
        SdpMedia? described = null;
        foreach (var codecData in component.Children.Where(c => c.Code == Avps.CodecData.Code && c.VendorId == Avps.CodecData.VendorId))
        {
            // TS 29.214 5.3.7: direction line, offer/answer line, then the SDP lines of the media; the last (the answer) decides.
            var lines = codecData.GetString().Split('\n').Skip(2);
            if (SdpSession.Parse("v=0\n" + string.Join('\n', lines), out _) is { Media.Count: > 0 } sdp)
            {
                described = sdp.Media[0];
            }
        }

        if (described is not null)
        {
            codecs.AddRange(described.CodecNames);
            type ??= described.Type.ToLowerInvariant();
        }

        long bandwidth = 0;
        foreach (var definition in new[] { Avps.MaxRequestedBandwidthUl, Avps.MaxRequestedBandwidthDl })
        {
            if (component.Find(definition.Code, definition.VendorId) is { } avp && avp.TryGetUnsigned32(out var bps))
            {
                bandwidth = Math.Max(bandwidth, bps);
            }
        }

        return new RequestedMedia(type ?? "other", codecs, bandwidth);
    }

    private static string? ReadText(DiameterAvp? avp) => avp?.GetString();
}
