using Ims.Aka.Digest;
using Ims.Cscf.Cx;
using Ims.Cscf.Proxy;
using Ims.Cscf.Registration;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;
using Ims.Sip.Headers;
using Ims.Storage;

namespace Ims.Cscf.Scscf;

/// <summary>
/// The S-CSCF registrar (TS 24.229 5.4.1, Kamailio's ims_registrar_scscf with ims_auth): challenges
/// each REGISTER with a vector fetched by MAR (401), checks the answer, assigns itself with SAR and
/// answers 200 OK with Service-Route, P-Associated-URI and the echoed Path; de-registers on Expires 0
/// (SAR USER_DEREGISTRATION) and on expiry (SAR TIMEOUT_DEREGISTRATION); resynchronises on AUTS.
/// </summary>
public sealed partial class ScscfRegistrar(ITableStore store, CscfOptions options) : IImsFunction
{
    private const string ExpiryTimerPrefix = "scscf|";
    private const string ChallengeTimerPrefix = "scscf-auth|";
    private readonly ITableStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly CscfOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => "scscf";

    public bool Accepts(BusEnvelope envelope) => envelope?.Message switch
    {
        SipRequestReceived { Role: ImsRole.Scscf } => true,
        DiameterAnswerReceived or SipResponseReceived { Role: ImsRole.Scscf } => envelope.Continuation?.Handler == Name,
        TimerFired fired => fired.TimerId.StartsWith(ExpiryTimerPrefix, StringComparison.Ordinal) || fired.TimerId.StartsWith(ChallengeTimerPrefix, StringComparison.Ordinal)
            || fired.TimerId.StartsWith(ChargingTimerPrefix, StringComparison.Ordinal),
        _ => false,
    };

    public async ValueTask<FunctionOutcome> HandleAsync(BusEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.Message switch
        {
            SipRequestReceived received => await RequestAsync(envelope, received, cancellationToken).ConfigureAwait(false),
            DiameterAnswerReceived answer => envelope.Continuation?.Step switch
            {
                "maa" => await MaaAsync(envelope, answer, cancellationToken).ConfigureAwait(false),
                "saa" => await SaaAsync(envelope, answer, cancellationToken).ConfigureAwait(false),
                "timeout-saa" => TimeoutSaa(envelope, answer),
                "saa-unregistered" => await UnregisteredSaaAsync(envelope, answer, cancellationToken).ConfigureAwait(false),
                "cca-i" => await CreditInitialAnswerAsync(envelope, answer, cancellationToken).ConfigureAwait(false),
                "cca-u" => await CreditUpdateAnswerAsync(envelope, answer, cancellationToken).ConfigureAwait(false),
                "cca-t" => CreditTerminationAnswer(envelope, answer),
                _ => FunctionOutcome.Of($"Diameter answer for unknown step {envelope.Continuation?.Step}; dropped"),
            },
            TimerFired fired when fired.TimerId.StartsWith(ChargingTimerPrefix, StringComparison.Ordinal) => await ChargingTimerAsync(envelope, fired, cancellationToken).ConfigureAwait(false),
            TimerFired fired => await TimerAsync(envelope, fired, cancellationToken).ConfigureAwait(false),
            SipResponseReceived response when envelope.Continuation?.Step == "isc" => await ChargedResponseAsync(envelope, await ApplicationServerResponseAsync(envelope, response, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false),
            SipResponseReceived response => await ChargedResponseAsync(envelope, ResponseRelay.Relay(envelope, response, ImsRole.Scscf), cancellationToken).ConfigureAwait(false),
            _ => FunctionOutcome.Of($"{Name} does not handle {envelope.Type}"),
        };
    }

    private async Task<FunctionOutcome> RequestAsync(BusEnvelope envelope, SipRequestReceived received, CancellationToken cancellationToken)
    {
        if (SipMessage.Parse(received.Message).Message is not { IsRequest: true } request)
        {
            return FunctionOutcome.Of("request unreadable; left to the edge's deadline");
        }

        if (request.Method != "REGISTER")
        {
            return await RouteAsync(envelope, received, request, cancellationToken).ConfigureAwait(false);
        }

        if (RegisterRequest.Read(request, _options.DefaultExpires, out var error) is not { } register)
        {
            return FunctionOutcome.Of($"REGISTER refused: {error}", SipReply.Command(received.TransactionId, request, 400, "Bad Request - " + error, ImsRole.Scscf));
        }

        // RFC 3261 10.3 step 7: an expiry shorter than the registrar allows is refused with its minimum.
        if (register.Contacts.FirstOrDefault(c => c.Expires > 0 && c.Expires < _options.MinExpires) is { } brief)
        {
            var tooBrief = SipReply.Builder(request, 423, "Interval Too Brief", ImsRole.Scscf).Add("Min-Expires", _options.MinExpires.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return FunctionOutcome.Of($"REGISTER for {register.Impu} refused: {brief.Uri} asks {brief.Expires} s, minimum {_options.MinExpires} s", SipReply.Command(received.TransactionId, tooBrief));
        }

        var state = RegisterState.Of(received) with { Impi = register.Impi, Impu = register.Impu };
        var credentials = request.Authorization;
        if (credentials is { Auts: { } auts, Nonce: { } staleNonce })
        {
            return await ResynchroniseAsync(state, request, register, auts, staleNonce, cancellationToken).ConfigureAwait(false);
        }

        if (credentials is { Response: { } response, Nonce: { Length: > 0 } nonce })
        {
            var row = await _store.GetAsync(Challenge.Table, TableKey.Encode(register.Impi), TableKey.Encode(nonce), cancellationToken).ConfigureAwait(false);
            if (row.Value is { } entity && Challenge.From(entity) is { } challenge && challenge.ExpiresAt > envelope.Time)
            {
                // A nonce answers once (TS 33.203 6.1.1: a fresh challenge for each authentication).
                await _store.DeleteAsync(Challenge.Table, challenge.Partition, challenge.Row, ETag.Any, cancellationToken).ConfigureAwait(false);
                if (response.Length == 0)
                {
                    // TS 24.229 5.1.1.5.1 and 5.4.1.2.3: an empty response to a live challenge is the UE
                    // saying the network failed its AUTN check (wrong K or OP on one side): refused.
                    return Refuse(state, request, 403, "Forbidden - Network Authentication Failed", $"{register.Impi} could not authenticate the network (empty response)");
                }

                return await VerifiedAsync(envelope, state, request, register, credentials, challenge, cancellationToken).ConfigureAwait(false);
            }

            if (response.Length > 0)
            {
                return Mar(state, register, Scheme(credentials), stale: true, "nonce unknown or expired");
            }
        }

        // TS 24.229 5.4.1.2.1: no usable credentials, so challenge: a vector from the HSS first.
        return Mar(state, register, Scheme(credentials), stale: false, "no credentials");
    }

    private FunctionOutcome Mar(RegisterState state, RegisterRequest register, string scheme, bool stale, string why)
    {
        var mar = CxRequest.Mar(_options, state.TransactionId, register.Impi, register.Impu, scheme, []);
        return FunctionOutcome.Of(
            $"REGISTER for {register.Impu} ({why}): MAR for {register.Impi}, scheme {scheme}",
            CxRequest.Command(mar, (state with { Nonce = stale ? "stale" : null }).ToContinuation(Name, "maa")));
    }

    private async Task<FunctionOutcome> ResynchroniseAsync(
        RegisterState state, SipMessage request, RegisterRequest register, string auts, string nonce, CancellationToken cancellationToken)
    {
        // TS 33.203 6.1.2, TS 24.229 5.4.1.2.1: the UE found the SQN out of range and sent AUTS;
        // the HSS gets RAND || AUTS in SIP-Authorization and answers with fresh vectors.
        var decodedNonce = AkaNonce.Decode(nonce);
        var decodedAuts = Ims.Aka.Sequence.Auts.Decode(auts);
        if (!decodedNonce.Succeeded || !decodedAuts.Succeeded)
        {
            return FunctionOutcome.Of(
                $"REGISTER for {register.Impu} refused: resynchronisation with an unreadable nonce or AUTS",
                SipReply.Command(state.TransactionId, request, 403, "Forbidden - Bad AUTS", ImsRole.Scscf));
        }

        await _store.DeleteAsync(Challenge.Table, TableKey.Encode(register.Impi), TableKey.Encode(nonce), ETag.Any, cancellationToken).ConfigureAwait(false);
        var resync = new byte[decodedNonce.Value.Rand.Length + decodedAuts.Value.Length];
        decodedNonce.Value.Rand.Span.CopyTo(resync);
        decodedAuts.Value.CopyTo(resync.AsSpan(decodedNonce.Value.Rand.Length));
        var scheme = Scheme(request.Authorization);
        var mar = CxRequest.Mar(_options, state.TransactionId, register.Impi, register.Impu, scheme, resync);
        return FunctionOutcome.Of(
            $"REGISTER for {register.Impu} carries AUTS: MAR asking the HSS to resynchronise {register.Impi}",
            CxRequest.Command(mar, state.ToContinuation(Name, "maa")));
    }

    /// <summary>The SIP-Authentication-Scheme to ask for: the UE's algorithm when it named one, else "Unknown" (TS 29.228 6.3.1).</summary>
    private static string Scheme(SipCredentials? credentials) => credentials?.Algorithm?.ToUpperInvariant() switch
    {
        "AKAV1-MD5" => "Digest-AKAv1-MD5",
        "AKAV2-MD5" => "Digest-AKAv2-MD5",
        "MD5" => "SIP Digest",
        _ => "Unknown",
    };
}
