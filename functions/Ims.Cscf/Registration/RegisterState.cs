using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ims.Cscf.Proxy;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;

namespace Ims.Cscf.Registration;

/// <summary>
/// What a CSCF needs to resume a REGISTER after an asynchronous step (a Cx answer, the next hop's
/// response): the request as it arrived, and where it came from. It travels in the continuation, so
/// the handlers keep nothing in memory between steps.
/// </summary>
internal sealed record RegisterState(
    string TransactionId,
    byte[] Request,
    string Source,
    SipTransport Transport,
    string Local,
    string? Impi = null,
    string? Impu = null,
    string? Nonce = null,
    int? Attempt = null,
    Isc.ServiceLeg? Service = null)
{
    public Continuation ToContinuation(string handler, string step) =>
        new(handler, step, JsonSerializer.Serialize(this, CscfJsonContext.Default.RegisterState));

    public static RegisterState? From(Continuation? continuation)
    {
        if (continuation is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(continuation.State, CscfJsonContext.Default.RegisterState);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The state a continuation carries and the request inside it; false when the continuation is not
    /// one of these (a wiring fault or a foreign envelope), which a handler reports and drops.
    /// </summary>
    public static bool TryResume(Continuation? continuation, [NotNullWhen(true)] out RegisterState? state, [NotNullWhen(true)] out SipMessage? request)
    {
        state = From(continuation);
        request = state is null ? null : SipMessage.Parse(state.Request).Message;
        if (state is not null && request is { IsRequest: true })
        {
            return true;
        }

        request = null;
        return false;
    }

    /// <summary>This request answered here with <paramref name="status"/>, and why, as the decision says it.</summary>
    public FunctionOutcome Refuse(SipMessage request, int status, string reason, string why, ImsRole role) =>
        FunctionOutcome.Of($"{request.Method} for {Impu} refused with {status}: {why}", SipReply.Command(TransactionId, request, status, reason, role));

    public static RegisterState Of(SipRequestReceived received) =>
        new(received.TransactionId, received.Message, received.Source, received.Transport, received.Local);
}

/// <summary>What an expiry timer carries: the binding it may end.</summary>
internal sealed record ExpiryTimer(string Partition, string Contact, string Aor, string? Impi = null)
{
    public string ToPayload() => JsonSerializer.Serialize(this, CscfJsonContext.Default.ExpiryTimer);

    public static ExpiryTimer? FromPayload(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize(payload, CscfJsonContext.Default.ExpiryTimer);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RegisterState))]
[JsonSerializable(typeof(ExpiryTimer))]
[JsonSerializable(typeof(Isc.ServiceLeg))]
[JsonSerializable(typeof(Dialogs.ConfirmedDialog))]
internal sealed partial class CscfJsonContext : JsonSerializerContext;
