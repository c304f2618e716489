namespace Ims.Events;

/// <summary>The stable wire names of bus messages.</summary>
public static class BusMessageTypes
{
    public const string SipRequestReceived = "sip.request.received";
    public const string SipResponseReceived = "sip.response.received";
    public const string DiameterRequestReceived = "diameter.request.received";
    public const string DiameterAnswerReceived = "diameter.answer.received";
    public const string TimerFired = "timer.fired";
    public const string PolicyReleaseRequested = "policy.release.requested";
    public const string SendSipResponse = "sip.response.send";
    public const string ForwardSipRequest = "sip.request.forward";
    public const string SendSipRequest = "sip.request.send";
    public const string SendDiameterRequest = "diameter.request.send";
    public const string SendDiameterAnswer = "diameter.answer.send";
    public const string ScheduleTimer = "timer.schedule";
    public const string CancelTimer = "timer.cancel";

    public static string NameOf(BusMessage message) => message switch
    {
        Events.SipRequestReceived => SipRequestReceived,
        Events.SipResponseReceived => SipResponseReceived,
        Events.DiameterRequestReceived => DiameterRequestReceived,
        Events.DiameterAnswerReceived => DiameterAnswerReceived,
        Events.TimerFired => TimerFired,
        Events.PolicyReleaseRequested => PolicyReleaseRequested,
        Events.SendSipResponse => SendSipResponse,
        Events.ForwardSipRequest => ForwardSipRequest,
        Events.SendSipRequest => SendSipRequest,
        Events.SendDiameterRequest => SendDiameterRequest,
        Events.SendDiameterAnswer => SendDiameterAnswer,
        Events.ScheduleTimer => ScheduleTimer,
        Events.CancelTimer => CancelTimer,
        _ => throw new ArgumentOutOfRangeException(nameof(message), message?.GetType().Name, "not a bus message"),
    };
}
