using System.Text.Json.Serialization;

namespace Ims.Events;

/// <summary>
/// An event (edge to functions) or a command (functions to edge). The type discriminator is the
/// stable name on the wire; renaming a C# type must not change it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SipRequestReceived), BusMessageTypes.SipRequestReceived)]
[JsonDerivedType(typeof(SipResponseReceived), BusMessageTypes.SipResponseReceived)]
[JsonDerivedType(typeof(DiameterRequestReceived), BusMessageTypes.DiameterRequestReceived)]
[JsonDerivedType(typeof(DiameterAnswerReceived), BusMessageTypes.DiameterAnswerReceived)]
[JsonDerivedType(typeof(TimerFired), BusMessageTypes.TimerFired)]
[JsonDerivedType(typeof(PolicyReleaseRequested), BusMessageTypes.PolicyReleaseRequested)]
[JsonDerivedType(typeof(SendSipResponse), BusMessageTypes.SendSipResponse)]
[JsonDerivedType(typeof(ForwardSipRequest), BusMessageTypes.ForwardSipRequest)]
[JsonDerivedType(typeof(SendSipRequest), BusMessageTypes.SendSipRequest)]
[JsonDerivedType(typeof(SendDiameterRequest), BusMessageTypes.SendDiameterRequest)]
[JsonDerivedType(typeof(SendDiameterAnswer), BusMessageTypes.SendDiameterAnswer)]
[JsonDerivedType(typeof(ScheduleTimer), BusMessageTypes.ScheduleTimer)]
[JsonDerivedType(typeof(CancelTimer), BusMessageTypes.CancelTimer)]
public abstract record BusMessage
{
    /// <summary>Events flow from the edge to the functions; commands flow back.</summary>
    [JsonIgnore]
    public abstract bool IsCommand { get; }
}
