namespace Ims.Cscf.Policy;

/// <summary>Enumerated values of Rx AVPs (TS 29.214 5.3) that the P-CSCF sends.</summary>
public static class RxValues
{
    // TS 29.214 5.3.19 Media-Type.
    public const uint MediaAudio = 0;
    public const uint MediaVideo = 1;
    public const uint MediaData = 2;
    public const uint MediaApplication = 3;
    public const uint MediaControl = 4;
    public const uint MediaText = 5;
    public const uint MediaMessage = 6;
    public const uint MediaOther = 0xFFFFFFFF;

    // TS 29.214 5.3.11 Flow-Status.
    public const uint FlowEnabledUplink = 0;
    public const uint FlowEnabledDownlink = 1;
    public const uint FlowEnabled = 2;
    public const uint FlowDisabled = 3;

    // TS 29.214 5.3.12 Flow-Usage.
    public const uint FlowUsageNoInformation = 0;
    public const uint FlowUsageRtcp = 1;

    // TS 29.214 5.3.13 Specific-Action.
    public const uint ChargingCorrelationExchange = 1;
    public const uint IndicationOfLossOfBearer = 2;
    public const uint IndicationOfRecoveryOfBearer = 3;
    public const uint IndicationOfReleaseOfBearer = 4;

    // TS 29.214 5.3.31 Rx-Request-Type.
    public const uint InitialRequest = 0;
    public const uint UpdateRequest = 1;

    // RFC 6733 8.15 Termination-Cause.
    public const uint DiameterLogout = 1;

    // RFC 4006 8.47 Subscription-Id-Type.
    public const uint EndUserE164 = 0;
    public const uint EndUserSipUri = 2;

    /// <summary>The Media-Type of an SDP media name (TS 29.214 Annex B, table B.1).</summary>
    public static uint MediaTypeOf(string sdpMedia) => sdpMedia.ToLowerInvariant() switch
    {
        "audio" => MediaAudio,
        "video" => MediaVideo,
        "data" => MediaData,
        "application" => MediaApplication,
        "control" => MediaControl,
        "text" => MediaText,
        "message" => MediaMessage,
        _ => MediaOther,
    };

    /// <summary>The SDP media name of a Media-Type value, for policy decisions and their sentences.</summary>
    public static string MediaNameOf(uint mediaType) => mediaType switch
    {
        MediaAudio => "audio",
        MediaVideo => "video",
        MediaData => "data",
        MediaApplication => "application",
        MediaControl => "control",
        MediaText => "text",
        MediaMessage => "message",
        _ => "other",
    };
}
