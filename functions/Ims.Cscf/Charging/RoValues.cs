namespace Ims.Cscf.Charging;

/// <summary>Values of Ro AVPs (RFC 4006 8, TS 32.299 7.2) that the S-CSCF sends and reads.</summary>
public static class RoValues
{
    /// <summary>TS 32.299 7.1.12 Service-Context-Id of IMS charging (32.260).</summary>
    public const string ImsServiceContext = "32260@3gpp.org";

    // RFC 4006 8.3 CC-Request-Type.
    public const uint Initial = 1;
    public const uint Update = 2;
    public const uint Termination = 3;
    public const uint Event = 4;

    // TS 32.299 7.2 Node-Functionality.
    public const uint NodeScscf = 0;
    public const uint NodePcscf = 1;

    // TS 32.299 7.2 Role-Of-Node.
    public const uint OriginatingRole = 0;
    public const uint TerminatingRole = 1;

    // RFC 4006 8.40 Multiple-Services-Indicator.
    public const uint MultipleServicesSupported = 1;

    // RFC 4006 8.47 Subscription-Id-Type.
    public const uint EndUserSipUri = 2;

    // RFC 4006 8.14 Credit-Control-Failure-Handling.
    public const uint FailureHandlingTerminate = 0;
    public const uint FailureHandlingContinue = 1;
}
