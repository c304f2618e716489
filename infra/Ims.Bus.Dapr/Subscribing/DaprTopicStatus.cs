namespace Ims.Bus.Dapr;

/// <summary>
/// What a subscriber answers Dapr for one delivered message (the "status" of the Dapr pub/sub
/// subscriber response): consumed, deliver it again later, or give up on it (dead-letter topic if one
/// is configured).
/// </summary>
public enum DaprTopicStatus
{
    Success,
    Retry,
    Drop,
}
