using System.Globalization;
using Ims.Aka;
using Ims.Aka.Digest;
using Ims.Cscf.Cx;
using Ims.Cscf.Proxy;
using Ims.Cscf.Registration;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions;
using Ims.Sip;
using Ims.Sip.Headers;
using Ims.Storage;

namespace Ims.Cscf.Scscf;

public sealed partial class ScscfRegistrar
{
    /// <summary>MAA: store the challenge and answer 401 (TS 24.229 5.4.1.2.1), or refuse as the HSS said.</summary>
    private async Task<FunctionOutcome> MaaAsync(BusEnvelope envelope, DiameterAnswerReceived received, CancellationToken cancellationToken)
    {
        if (!RegisterState.TryResume(envelope.Continuation, out var state, out var request))
        {
            return FunctionOutcome.Of("MAA without a usable continuation; dropped");
        }

        var answer = CxAnswer.Of(received);
        if (answer.Message is null)
        {
            return Refuse(state, request, 480, "Temporarily Unavailable", $"MAR got no answer ({answer.Outcome})");
        }

        if (!answer.IsSuccess)
        {
            return answer switch
            {
                _ when answer.Is(DiameterExperimentalResultCode.ErrorUserUnknown) => Refuse(state, request, 403, "Forbidden - Unknown User", "HSS: user unknown (e5001)"),
                _ when answer.Is(DiameterExperimentalResultCode.ErrorIdentitiesDontMatch) => Refuse(state, request, 403, "Forbidden - Identities Do Not Match", "HSS: IMPI and IMPU do not match (e5002)"),
                _ when answer.Is(DiameterExperimentalResultCode.ErrorAuthSchemeNotSupported) => Refuse(state, request, 403, "Forbidden - Authentication Scheme Not Supported", "HSS: scheme not allowed for this subscriber (e5006)"),
                _ when answer.ResultCode == DiameterResultCode.UnableToComply.Value => Refuse(state, request, 403, "Forbidden - Authentication Refused", "HSS could not comply (5012), e.g. a bad AUTS"),
                _ => Refuse(state, request, 500, "Server Internal Error", $"HSS refused the MAR ({answer.Outcome})"),
            };
        }

        if (answer.Message.Find(Avps.SipAuthDataItem) is not { } item)
        {
            return Refuse(state, request, 500, "Server Internal Error", "MAA holds no SIP-Auth-Data-Item");
        }

        var impi = state.Impi!;
        var expiresAt = envelope.Time + _options.ChallengeLifetime;
        var built = BuildChallenge(item, answer.Message, impi, state.Impu!, expiresAt, out var ck, out var ik, out var problem);
        if (built is null)
        {
            return Refuse(state, request, 500, "Server Internal Error", problem);
        }

        await _store.UpsertAsync(Challenge.Table, built.ToEntity(), cancellationToken).ConfigureAwait(false);
        var response = SipReply.Builder(request, 401, "Unauthorized", ImsRole.Scscf)
            .Add("WWW-Authenticate", built.WwwAuthenticate(state.Nonce == "stale", ck, ik));
        return new FunctionOutcome(
            [
                new OutgoingCommand(new SendSipResponse(state.TransactionId, response.ToArray())),
                // TS 24.229 5.4.1.2.1: reg-await-auth; an unanswered challenge is forgotten when it lapses.
                new OutgoingCommand(new ScheduleTimer(ChallengeTimerPrefix + built.Partition + "|" + built.Row, expiresAt, string.Empty)),
            ],
            $"401 for {state.Impu}: {DigestAlgorithms.Token(built.Algorithm)} challenge for {impi}, valid until {expiresAt:HH:mm:ss}");
    }

    private Challenge? BuildChallenge(DiameterAvp item, DiameterMessage maa, string impi, string impu, DateTimeOffset expiresAt, out byte[] ck, out byte[] ik, out string problem)
    {
        ck = [];
        ik = [];
        var scheme = Child(item, Avps.SipAuthenticationScheme)?.GetString() ?? string.Empty;
        if (scheme.Contains("AKA", StringComparison.OrdinalIgnoreCase))
        {
            var algorithm = scheme.Contains("AKAv2", StringComparison.OrdinalIgnoreCase) ? DigestAlgorithm.AkaV2Md5 : DigestAlgorithm.AkaV1Md5;
            var randAutn = Child(item, Avps.SipAuthenticate)?.Data ?? default;
            var xres = Child(item, Avps.SipAuthorization)?.Data ?? default;
            ck = (Child(item, Avps.ConfidentialityKey)?.Data ?? default).ToArray();
            ik = (Child(item, Avps.IntegrityKey)?.Data ?? default).ToArray();
            var nonce = AkaNonce.FromSipAuthenticate(randAutn.Span);
            if (!nonce.Succeeded || xres.IsEmpty || ck.Length != 16 || ik.Length != 16)
            {
                problem = "MAA vector incomplete (SIP-Authenticate, XRES, CK or IK)";
                return null;
            }

            problem = string.Empty;
            var ha1 = DigestHa1.ForAka(algorithm, impi, _options.HomeDomain, xres.Span, ik, ck);
            return new Challenge(impi, nonce.Value.Encode(), algorithm, _options.HomeDomain, ha1.Hex, impu, expiresAt);
        }

        // TS 29.228 6.3.7: SIP Digest; the HSS sends HA1 and the realm, the S-CSCF makes the nonce.
        if (Child(item, Avps.SipDigestAuthenticate) is { } digest
            && Child(digest, Avps.DigestHa1)?.GetString() is { } ha1Hex
            && DigestHa1.Parse(DigestHash.Md5, ha1Hex) is { Succeeded: true } parsed)
        {
            var realm = Child(digest, Avps.DigestRealm)?.GetString() ?? _options.HomeDomain;
            // Unpredictable to the UE (derived from the HSS's answer, which changes every MAR), and reproducible under replay.
            var nonce = Convert.ToBase64String(Convert.FromHexString(DerivedToken.Of("nonce", maa.SessionId, impi, expiresAt.ToString("O", CultureInfo.InvariantCulture), Convert.ToBase64String(Ims.Diameter.Codec.DiameterEncoder.Encode(maa)))));
            problem = string.Empty;
            return new Challenge(impi, nonce, DigestAlgorithm.Md5, realm, parsed.Value.Hex, impu, expiresAt);
        }

        problem = $"MAA scheme '{scheme}' has no usable vector";
        return null;
    }

    /// <summary>The answer to the challenge: right goes on to SAR, wrong is refused (TS 24.229 5.4.1.2.3).</summary>
    private async Task<FunctionOutcome> VerifiedAsync(
        BusEnvelope envelope, RegisterState state, SipMessage request, RegisterRequest register, SipCredentials credentials, Challenge challenge, CancellationToken cancellationToken)
    {
        var qop = string.Equals(credentials.Qop, "auth", StringComparison.OrdinalIgnoreCase) ? DigestQop.Auth : DigestQop.None;
        var ha1 = DigestHa1.Parse(DigestHash.Md5, challenge.Ha1);
        var parameters = new DigestResponseParameters("REGISTER", credentials.Uri ?? request.RequestUriText, challenge.Nonce, qop, credentials.NonceCount, credentials.ClientNonce);
        var verified = ha1.Succeeded && string.Equals(credentials.Username, challenge.Impi, StringComparison.Ordinal)
            ? DigestResponse.Verify(ha1.Value, parameters, credentials.Response)
            : AkaResult<bool, DigestError>.Failure(DigestError.WrongResponse, "username is not the challenged IMPI");
        if (!verified.Succeeded)
        {
            return Refuse(state, request, 403, "Forbidden - Authentication Failed", $"{DigestAlgorithms.Token(challenge.Algorithm)} response of {challenge.Impi} wrong: {verified.Message}");
        }

        var rows = await RegistrarBindings.ReadAsync(_store, register.Impu, cancellationToken).ConfigureAwait(false);
        var live = RegistrarBindings.LiveContacts(rows, envelope.Time).ToList();
        if (register.IsQuery)
        {
            return Ok(state, request, register, rows, envelope.Time, [], $"{register.Impu} authenticated; bindings queried");
        }

        ServerAssignmentType type;
        if (register.IsDeregistration)
        {
            var leaving = register.RemoveAll ? live.Count : live.Count(r => register.Contacts.Any(c => c.Uri == r.GetString("ContactUri")));
            if (live.Count > leaving)
            {
                // Other contacts stay registered: the HSS keeps the assignment (TS 24.229 5.4.1.4).
                var removals = await RemoveAsync(register.Impu, rows, register, cancellationToken).ConfigureAwait(false);
                rows = await RegistrarBindings.ReadAsync(_store, register.Impu, cancellationToken).ConfigureAwait(false);
                return Ok(state, request, register, rows, envelope.Time, removals, $"{register.Impu}: {leaving} contact(s) removed, {live.Count - leaving} remain");
            }

            type = ServerAssignmentType.UserDeregistration;
        }
        else
        {
            type = rows.Any(r => r.RowKey == RegistrarBindings.ProfileRow) && live.Count > 0 ? ServerAssignmentType.ReRegistration : ServerAssignmentType.Registration;
        }

        var sar = CxRequest.Sar(_options, state.TransactionId, register.Impi, register.Impu, type);
        return FunctionOutcome.Of(
            $"{DigestAlgorithms.Token(challenge.Algorithm)} response of {register.Impi} verified: SAR {type} for {register.Impu}",
            CxRequest.Command(sar, state.ToContinuation(Name, "saa")));
    }

    private static FunctionOutcome Refuse(RegisterState state, SipMessage request, int status, string reason, string why) =>
        state.Refuse(request, status, reason, why, ImsRole.Scscf);

    private static DiameterAvp? Child(DiameterAvp group, AvpDefinition definition) => group.Find(definition.Code, definition.VendorId);
}
