using System.Text.Json;
using System.Text.Json.Serialization;
using Ims.Events;

namespace Ims.Cscf.Pcscf;

/// <summary>
/// An INVITE held while the PCRF decides (TS 29.214 4.4.1): the request as it arrived, and the
/// request as it will go on, with its next hop, already rewritten, so that the AAA only has to say
/// yes or no. It travels in the AAR's continuation; nothing stays in memory.
/// </summary>
internal sealed record RxSetupState(
    string TransactionId,
    byte[] Request,
    string Source,
    SipTransport Transport,
    string Local,
    string Side,
    byte[] Forwarded,
    string NextHop)
{
    public Continuation ToContinuation(string handler, string step) =>
        new(handler, step, JsonSerializer.Serialize(this, RxJsonContext.Default.RxSetupState));

    public static RxSetupState? From(Continuation? continuation)
    {
        try
        {
            return continuation is null ? null : JsonSerializer.Deserialize(continuation.State, RxJsonContext.Default.RxSetupState);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Which AF session an AAR update or an STR was for: the call and its side.</summary>
internal sealed record RxSessionKey(string CallId, string Side, string SessionId)
{
    public Continuation ToContinuation(string handler, string step) =>
        new(handler, step, JsonSerializer.Serialize(this, RxJsonContext.Default.RxSessionKey));

    public static RxSessionKey? From(Continuation? continuation)
    {
        try
        {
            return continuation is null ? null : JsonSerializer.Deserialize(continuation.State, RxJsonContext.Default.RxSessionKey);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RxSetupState))]
[JsonSerializable(typeof(RxSessionKey))]
internal sealed partial class RxJsonContext : JsonSerializerContext;
