namespace Ims.Cscf.Charging;

/// <summary>
/// Online charging of the S-CSCF (TS 32.299 6.4.2, RFC 4006 SCUR): whether originating calls ask the
/// OCS for credit, how many seconds each CCR asks for, and what happens when the OCS fails.
/// </summary>
public sealed record RoChargingOptions
{
    /// <summary>Off by default: a lab whose subscribers have no balance keeps calling; the operator opts in.</summary>
    public bool Online { get; init; }

    /// <summary>CC-Time of each Requested-Service-Unit (RFC 4006 8.18).</summary>
    public uint RequestedSeconds { get; init; } = 60;

    /// <summary>
    /// Credit-Control-Failure-Handling (RFC 4006 8.14) when the CCA names none: TERMINATE (the RFC's
    /// default) or CONTINUE.
    /// </summary>
    public uint FailureHandling { get; init; } = RoValues.FailureHandlingTerminate;
}
