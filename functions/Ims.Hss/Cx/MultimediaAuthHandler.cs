using System.Buffers.Binary;
using Ims.Aka.Milenage;
using Ims.Aka.Sequence;
using Ims.Aka.Vectors;
using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Hss.Provisioning;
using Ims.Hss.Subscribers;
using Ims.Storage;

namespace Ims.Hss.Cx;

/// <summary>
/// MAR/MAA (TS 29.228 6.3, TS 29.229 6.1.7-6.1.8): authentication vectors for Digest AKA
/// (AKAv1/AKAv2-MD5) or the HA1 for SIP Digest, with resynchronisation on AUTS.
/// </summary>
/// <remarks>
/// SQNs are reserved before any vector is made: the IMPI row is read, the next SQNs computed
/// (TS 33.102 C.3.2) and the row replaced under the ETag it was read with. A MAR that loses the
/// race to another gets PreconditionFailed, reads again and computes new SQNs, so no SQN is ever
/// handed out twice, whatever the number of HSS instances.
/// <code>
///   read Impi (etag) ─▶ [AUTS? verify f1*/f5*, maybe reset SQN_HE] ─▶ allocate N SQNs
///        ▲                                                              │
///        └──────── PreconditionFailed ◀── replace Impi if-match etag ◀──┘
///                                              │ ok
///                                              ▼
///                                 N vectors: RAND from the injected source, Milenage f1-f5
/// </code>
/// </remarks>
internal sealed class MultimediaAuthHandler(ITableStore store, HssOptions options, IRandomSource random)
{
    private static readonly SequenceNumberGenerator Generator = new();

    public async Task<CxReply> HandleAsync(DiameterMessage request, CancellationToken cancellationToken)
    {
        var impi = request.GetString(Avps.UserName)!;
        var impu = request.GetString(Avps.PublicIdentity)!;
        var serverName = request.GetString(Avps.ServerName)!;
        var item = request.Find(Avps.SipAuthDataItem)!;

        // TS 29.228 6.3.1 step 1.
        var identities = await CxIdentities.ReadAsync(store, impi, impu, cancellationToken).ConfigureAwait(false);
        if (identities.Refusal(request, options) is { } refusal)
        {
            return refusal;
        }

        var subscriber = identities.Impi!;

        // Step 2: the scheme asked for must be one this subscriber may use; "Unknown" lets the HSS choose.
        var requestedName = item.Find(Avps.SipAuthenticationScheme.Code, Avps.SipAuthenticationScheme.VendorId)?.GetString();
        var scheme = AuthSchemeNames.FromWire(requestedName) is { } asked
            ? asked == AuthSchemes.None ? Preferred(subscriber.Schemes) : asked
            : AuthSchemes.None;
        if (scheme == AuthSchemes.None || (subscriber.Schemes & scheme) == 0)
        {
            return CxAnswer.Result(request, options, DiameterExperimentalResultCode.ErrorAuthSchemeNotSupported);
        }

        if (scheme == AuthSchemes.DigestMd5)
        {
            return await DigestAsync(request, subscriber, identities.Impu!, serverName, requestedName, cancellationToken).ConfigureAwait(false);
        }

        var count = (int)Math.Clamp(request.GetUnsigned32(Avps.SipNumberAuthItems) ?? 1, 1, (uint)options.MaxVectorsPerRequest);
        var authorization = item.Find(Avps.SipAuthorization.Code, Avps.SipAuthorization.VendorId)?.Data;
        var reserved = await ReserveAsync(subscriber.Impi, serverName, count, authorization, cancellationToken).ConfigureAwait(false);
        if (reserved.Failure is { } failure)
        {
            return failure(request);
        }

        await RecordServerNameAsync(identities.Impu!, serverName, cancellationToken).ConfigureAwait(false);

        var answer = CxAnswer.Create(request, options, DiameterResultCode.Success)
            .Add(Avps.UserName, subscriber.Impi)
            .Add(Avps.PublicIdentity, identities.Impu!.Impu)
            .Add(Avps.SipNumberAuthItems, (uint)reserved.Sqns!.Count);
        var amf = BinaryPrimitives.ReadUInt16BigEndian(reserved.Record!.Amf.Span);
        for (var i = 0; i < reserved.Sqns.Count; i++)
        {
            var vector = AuthenticationVectorGenerator.Generate(reserved.Record.Keys, reserved.Sqns[i], amf, random);
            var number = (uint)(i + 1);
            answer.Add(Avps.SipAuthDataItem, group => group
                .Add(Avps.SipItemNumber, number)
                .Add(Avps.SipAuthenticationScheme, AuthSchemeNames.ToWire(scheme))
                // TS 29.229 6.3.10: SIP-Authenticate = RAND || AUTN; 6.3.11: SIP-Authorization = XRES.
                .Add(Avps.SipAuthenticate, [.. vector.Rand.Span, .. vector.Autn.Span])
                .Add(Avps.SipAuthorization, vector.Xres.Span)
                .Add(Avps.ConfidentialityKey, vector.Ck.Span)
                .Add(Avps.IntegrityKey, vector.Ik.Span));
        }

        return new CxReply(answer.Build(), Describe(scheme, subscriber.Impi, reserved));
    }

    // "1 Digest-AKAv1-MD5 vector for alice@ims.example, SQN 000000000021": SQNs are not secret
    // (AUTN conceals them from eavesdroppers, not from the operator), RAND, XRES and keys are.
    private static string Describe(AuthSchemes scheme, string impi, Reservation reserved)
    {
        var sqns = reserved.Sqns!;
        var range = sqns.Count == 1
            ? SubscriberValidation.SqnHex((long)sqns[0].Value)
            : $"{SubscriberValidation.SqnHex((long)sqns[0].Value)}..{SubscriberValidation.SqnHex((long)sqns[^1].Value)}";
        var resync = reserved.Resynchronised is { } r
            ? $"resynchronised on AUTS (SQN_MS {SubscriberValidation.SqnHex((long)r.SqnMs.Value)}, SQN_HE {(r.Reset ? "reset" : "kept")}), "
            : string.Empty;
        return $"{resync}{sqns.Count} {AuthSchemeNames.ToWire(scheme)} vector{(sqns.Count == 1 ? "" : "s")} for {impi}, SQN {range}";
    }

    private async Task<CxReply> DigestAsync(
        DiameterMessage request, ImpiRecord subscriber, ImpuRecord impu, string serverName, string? requestedName, CancellationToken cancellationToken)
    {
        if (subscriber.DigestHa1 is null || subscriber.DigestRealm is null)
        {
            return CxAnswer.Result(request, options, DiameterExperimentalResultCode.ErrorAuthSchemeNotSupported);
        }

        await RecordServerNameAsync(impu, serverName, cancellationToken).ConfigureAwait(false);
        var schemeName = AuthSchemeNames.FromWire(requestedName) == AuthSchemes.DigestMd5 ? requestedName!.Trim() : AuthSchemeNames.DigestWire;
        var answer = CxAnswer.Create(request, options, DiameterResultCode.Success)
            .Add(Avps.UserName, subscriber.Impi)
            .Add(Avps.PublicIdentity, impu.Impu)
            .Add(Avps.SipNumberAuthItems, 1u)
            .Add(Avps.SipAuthDataItem, group => group
                .Add(Avps.SipItemNumber, 1u)
                .Add(Avps.SipAuthenticationScheme, schemeName)
                // TS 29.229 6.3.36: SIP-Digest-Authenticate { Digest-Realm, [Digest-QoP], Digest-HA1 }.
                .Add(Avps.SipDigestAuthenticate, digest => digest
                    .Add(Avps.DigestRealm, subscriber.DigestRealm)
                    .Add(Avps.DigestQop, options.DigestQop)
                    .Add(Avps.DigestHa1, subscriber.DigestHa1)))
            .Build();
        return new CxReply(answer, $"1 {schemeName} HA1 for {subscriber.Impi}, realm {subscriber.DigestRealm}");
    }

    private async Task<Reservation> ReserveAsync(string impi, string serverName, int count, ReadOnlyMemory<byte>? authorization, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < options.MaxWriteAttempts; attempt++)
        {
            if (await SubscriberTables.ReadImpiAsync(store, impi, cancellationToken).ConfigureAwait(false) is not { } read)
            {
                return Reservation.Fail(r => CxAnswer.Result(r, options, DiameterExperimentalResultCode.ErrorUserUnknown));
            }

            var state = new SqnState(SequenceNumber.FromValue((ulong)read.Record.Sqn & SequenceNumber.MaxValue));
            ResynchronisedSqn? resynchronised = null;
            if (authorization is { } resync)
            {
                if (resync.Length != MilenageAlgorithm.RandLength + Auts.Length)
                {
                    return Reservation.Fail(r => CxAnswer.Result(r, options, DiameterResultCode.InvalidAvpValue, "SIP-Authorization must be RAND || AUTS (30 bytes)"));
                }

                var resolved = Resynchronisation.Resolve(read.Record.Keys, resync.Span[..MilenageAlgorithm.RandLength], resync.Span[MilenageAlgorithm.RandLength..], state);
                if (!resolved.Succeeded)
                {
                    // TS 29.229 defines no Cx result for an AUTS that fails MAC-S (DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE,
                    // 4181, is S6a's, TS 29.272 7.4.4.1, and a Cx client need not know it). TS 29.228 6.3.1 answers a request
                    // the HSS cannot fulfil with DIAMETER_UNABLE_TO_COMPLY, and TS 33.102 6.3.5 leaves SQN_HE untouched.
                    return Reservation.Fail(r => CxAnswer.Result(r, options, DiameterResultCode.UnableToComply, $"resynchronisation refused: {resolved.Message}"));
                }

                resynchronised = resolved.Value;
                state = resolved.Value.NewState;
            }

            var allocation = Generator.Next(state, count);
            if (!allocation.Succeeded)
            {
                return Reservation.Fail(r => CxAnswer.Result(r, options, DiameterResultCode.UnableToComply, allocation.Message));
            }

            var updated = read.Record with { Sqn = (long)allocation.Value.NewState.LastIssued.Value, AuthServerName = serverName };
            var written = await store.ReplaceAsync(SubscriberTables.ImpiTable, SubscriberTables.ToEntity(updated, read.ETag), cancellationToken).ConfigureAwait(false);
            if (written.IsOk)
            {
                return new Reservation(updated, allocation.Value.Sqns, null, resynchronised);
            }

            if (written.Status == StoreStatus.NotFound)
            {
                return Reservation.Fail(r => CxAnswer.Result(r, options, DiameterExperimentalResultCode.ErrorUserUnknown));
            }
        }

        return Reservation.Fail(r => CxAnswer.Result(r, options, DiameterResultCode.TooBusy, "SQN row contended"));
    }

    // TS 29.228 6.3.1 step 3: for an identity not yet registered, the HSS stores the S-CSCF name so a
    // UAR during the registration finds the same S-CSCF; a registered identity keeps its assignment
    // until the SAR that follows a successful authentication.
    private async Task RecordServerNameAsync(ImpuRecord impu, string serverName, CancellationToken cancellationToken)
    {
        if (impu.State != RegistrationState.NotRegistered || impu.ServerName == serverName)
        {
            return;
        }

        await RegistrationWrites.UpdateImpuAsync(
            store,
            impu.Impu,
            current => current.State == RegistrationState.NotRegistered && current.ServerName != serverName ? current with { ServerName = serverName } : current,
            options.MaxWriteAttempts,
            cancellationToken).ConfigureAwait(false);
    }

    // TS 29.228 6.3.1 step 3: for "Unknown" the HSS uses the scheme it stores, and "Unknown" is meant
    // for SIP Digest (an AKA UE names its algorithm). A subscriber with a password gets SIP Digest;
    // one without gets AKAv1, so a CSCF that always sends "Unknown" still works with AKA-only users.
    private static AuthSchemes Preferred(AuthSchemes allowed) =>
        (allowed & AuthSchemes.DigestMd5) != 0 ? AuthSchemes.DigestMd5
        : (allowed & AuthSchemes.AkaV1Md5) != 0 ? AuthSchemes.AkaV1Md5
        : (allowed & AuthSchemes.AkaV2Md5) != 0 ? AuthSchemes.AkaV2Md5
        : AuthSchemes.None;

    private sealed record Reservation(
        ImpiRecord? Record, IReadOnlyList<SequenceNumber>? Sqns, Func<DiameterMessage, DiameterMessage>? Failure, ResynchronisedSqn? Resynchronised = null)
    {
        public static Reservation Fail(Func<DiameterMessage, DiameterMessage> answer) => new(null, null, answer);
    }
}
