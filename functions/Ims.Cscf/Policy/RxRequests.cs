using System.Globalization;
using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Sip.Sdp;

namespace Ims.Cscf.Policy;

/// <summary>
/// The Rx requests and answers of the P-CSCF (TS 29.214 5.6) built from values: AAR from an SDP
/// offer/answer, STR at the end of the session, and ASA/RAA to the PCRF's requests. Pure: the
/// Diameter node that sends a request fills in the hop-by-hop and end-to-end ids.
/// </summary>
public static class RxRequests
{
    /// <summary>
    /// AAR (TS 29.214 5.6.1): one Media-Component-Description per m= line of the offer, with the
    /// answer's line of the same index when there is an answer (RFC 3264 6: answers keep the order).
    /// </summary>
    public static DiameterMessage Aar(RxSessionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var aar = Head(DiameterCommands.AaRx, request.SessionId, request.OriginHost, request.OriginRealm, request.DestinationRealm, request.DestinationHost)
            .Add(Avps.AfChargingIdentifier, request.Icid)
            .Add(Avps.RxRequestType, request.IsUpdate ? RxValues.UpdateRequest : RxValues.InitialRequest);
        for (var i = 0; i < request.Offer.Media.Count; i++)
        {
            var offered = request.Offer.Media[i];
            var answered = request.Answer is { } answer && i < answer.Media.Count ? answer.Media[i] : null;
            aar.Add(Avps.MediaComponentDescription, component => MediaComponent(component, (uint)(i + 1), offered, answered, request.OfferFromUe));
        }

        foreach (var action in request.SpecificActions)
        {
            aar.Add(Avps.SpecificAction, action);
        }

        aar.Add(Avps.SubscriptionId, id => id.Add(Avps.SubscriptionIdType, RxValues.EndUserSipUri).Add(Avps.SubscriptionIdData, request.Subscriber));
        return aar.Build();
    }

    /// <summary>STR (TS 29.214 5.6.5): the AF session is over (BYE, CANCEL, a failed setup); Termination-Cause DIAMETER_LOGOUT.</summary>
    public static DiameterMessage Str(string sessionId, string originHost, string originRealm, string destinationRealm, string? destinationHost = null, uint terminationCause = RxValues.DiameterLogout) =>
        Head(DiameterCommands.SessionTerminationRx, sessionId, originHost, originRealm, destinationRealm, destinationHost)
            .Add(Avps.TerminationCause, terminationCause)
            .Build();

    /// <summary>ASA (TS 29.214 5.6.8): the AF acknowledges an ASR, then ends the session and sends STR (4.4.4).</summary>
    public static DiameterMessage Asa(DiameterMessage asr, string originHost, string originRealm, DiameterResultCode? result = null)
    {
        ArgumentNullException.ThrowIfNull(asr);
        return DiameterMessageBuilder.Answer(asr)
            .AddResultCode(result ?? DiameterResultCode.Success)
            .Add(Avps.OriginHost, originHost)
            .Add(Avps.OriginRealm, originRealm)
            .Build();
    }

    /// <summary>RAA (TS 29.214 5.6.4): the AF acknowledges a RAR (e.g. INDICATION_OF_LOSS_OF_BEARER).</summary>
    public static DiameterMessage Raa(DiameterMessage rar, string originHost, string originRealm, DiameterResultCode? result = null)
    {
        ArgumentNullException.ThrowIfNull(rar);
        return DiameterMessageBuilder.Answer(rar)
            .AddResultCode(result ?? DiameterResultCode.Success)
            .Add(Avps.OriginHost, originHost)
            .Add(Avps.OriginRealm, originRealm)
            .Build();
    }

    /// <summary>
    /// Flow-Description (TS 29.214 5.3.8): an IPFilterRule, "permit in" for the uplink flow (from
    /// the UE) and "permit out" for the downlink flow (to the UE), protocol 17 (UDP) for RTP;
    /// "any" stands for an address or port not known yet.
    /// </summary>
    public static string FlowDescription(bool uplink, string? sourceAddress, int? sourcePort, string? destinationAddress, int? destinationPort) =>
        $"permit {(uplink ? "in" : "out")} 17 from {Endpoint(sourceAddress, sourcePort)} to {Endpoint(destinationAddress, destinationPort)}";

    private static DiameterMessageBuilder Head(CommandDefinition command, string sessionId, string originHost, string originRealm, string destinationRealm, string? destinationHost)
    {
        var builder = DiameterMessageBuilder.Request(command, 0, 0)
            .Add(Avps.SessionId, sessionId)
            .Add(Avps.AuthApplicationId, DiameterApplicationId.Rx.Value)
            .Add(Avps.OriginHost, originHost)
            .Add(Avps.OriginRealm, originRealm)
            .Add(Avps.DestinationRealm, destinationRealm);
        if (destinationHost is not null)
        {
            builder.Add(Avps.DestinationHost, destinationHost);
        }

        return builder;
    }

    private static void MediaComponent(GroupedAvpBuilder component, uint number, SdpMedia offered, SdpMedia? answered, bool offerFromUe)
    {
        var ue = offerFromUe ? offered : answered;
        var remote = offerFromUe ? answered : offered;
        component.Add(Avps.MediaComponentNumber, number);
        // TS 29.214 5.3.18: flow 1 carries the media, flow 2 its RTCP on the next port (RFC 3550 11).
        component.Add(Avps.MediaSubComponent, flow => Flow(flow, 1, ue, remote, rtcp: false));
        component.Add(Avps.MediaSubComponent, flow => Flow(flow, 2, ue, remote, rtcp: true));
        component.Add(Avps.MediaType, RxValues.MediaTypeOf(offered.Type));
        // TS 29.214 Annex B (B.3): the uplink may use what the peer said it receives, the downlink what the UE said it receives.
        if (remote?.BandwidthAsKbps is { } up)
        {
            component.Add(Avps.MaxRequestedBandwidthUl, checked((uint)up * 1000));
        }

        if (ue?.BandwidthAsKbps is { } down)
        {
            component.Add(Avps.MaxRequestedBandwidthDl, checked((uint)down * 1000));
        }

        component.Add(Avps.FlowStatus, FlowStatus(ue, answered ?? offered));
        // TS 29.214 5.3.7: Codec-Data is "uplink" or "downlink", "offer" or "answer", then the SDP lines of the media.
        component.Add(Avps.CodecData, CodecData(offerFromUe ? "uplink" : "downlink", "offer", offered));
        if (answered is not null)
        {
            component.Add(Avps.CodecData, CodecData(offerFromUe ? "downlink" : "uplink", "answer", answered));
        }
    }

    private static void Flow(GroupedAvpBuilder flow, uint number, SdpMedia? ue, SdpMedia? remote, bool rtcp)
    {
        var offset = rtcp ? 1 : 0;
        int? uePort = ue is { Port: > 0 } u ? u.Port + offset : null;
        int? remotePort = remote is { Port: > 0 } r ? r.Port + offset : null;
        flow.Add(Avps.FlowNumber, number)
            .Add(Avps.FlowDescription, FlowDescription(uplink: true, ue?.ConnectionAddress, uePort, remote?.ConnectionAddress, remotePort))
            .Add(Avps.FlowDescription, FlowDescription(uplink: false, remote?.ConnectionAddress, remotePort, ue?.ConnectionAddress, uePort));
        if (rtcp)
        {
            flow.Add(Avps.FlowUsage, RxValues.FlowUsageRtcp);
        }
    }

    // TS 29.214 5.3.11 and Annex B: a port of 0 or "inactive" disables the flows; one-way media enables one direction.
    private static uint FlowStatus(SdpMedia? ue, SdpMedia latest)
    {
        if (latest.Port == 0 || latest.Direction == "inactive")
        {
            return RxValues.FlowDisabled;
        }

        return (ue ?? latest).Direction switch
        {
            "sendonly" => RxValues.FlowEnabledUplink,
            "recvonly" => RxValues.FlowEnabledDownlink,
            _ => RxValues.FlowEnabled,
        };
    }

    private static string CodecData(string direction, string role, SdpMedia media) =>
        $"{direction}\n{role}\n{string.Join('\n', media.Lines)}";

    private static string Endpoint(string? address, int? port) =>
        port is { } p ? $"{address ?? "any"} {p.ToString(CultureInfo.InvariantCulture)}" : address ?? "any";
}
