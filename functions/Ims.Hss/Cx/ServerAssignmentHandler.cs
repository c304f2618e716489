using System.Text;
using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Hss.Subscribers;
using Ims.Ifc.Subscription;
using Ims.Storage;

namespace Ims.Hss.Cx;

/// <summary>
/// SAR/SAA (TS 29.228 6.1.2, TS 29.229 6.1.3-6.1.4): the S-CSCF tells the HSS it now serves (or
/// stops serving) a user; the HSS updates registration state and S-CSCF name for the whole implicit
/// registration set and, for assignments, returns the user profile and the charging functions.
/// </summary>
internal sealed class ServerAssignmentHandler(ITableStore store, HssOptions options, TimeProvider time)
{
    public async Task<CxReply> HandleAsync(DiameterMessage request, CancellationToken cancellationToken)
    {
        var impi = request.GetString(Avps.UserName);
        var impu = request.GetString(Avps.PublicIdentity);
        var serverName = request.GetString(Avps.ServerName)!;
        var rawType = request.GetUnsigned32(Avps.ServerAssignmentType);
        if (rawType is null || !Enum.IsDefined((ServerAssignmentType)rawType.Value))
        {
            return CxAnswer.Result(request, options, DiameterResultCode.InvalidAvpValue, $"Server-Assignment-Type {rawType} is unknown");
        }

        var type = (ServerAssignmentType)rawType.Value;
        var userDataAvailable = request.GetUnsigned32(Avps.UserDataAlreadyAvailable) == (uint)UserDataAlreadyAvailable.UserDataAlreadyAvailable;

        // TS 29.229 6.1.3: Public-Identity may be left out only when User-Name names the user, and
        // only for deregistrations (TS 29.228 6.1.2.1: all identities of the IMPI served by this S-CSCF).
        if (impu is null && (impi is null || CarriesProfile(type)))
        {
            return MissingPublicIdentity(request);
        }

        var identities = await CxIdentities.ReadAsync(store, impi, impu, cancellationToken).ConfigureAwait(false);
        if (identities.Refusal(request, options) is { } refusal)
        {
            return refusal;
        }

        var subscriber = identities.Impi!;
        var targets = identities.Impu is { } named
            ? await RegistrationWrites.ImplicitSetAsync(store, subscriber, named, cancellationToken).ConfigureAwait(false)
            : await ServedByAsync(subscriber, serverName, cancellationToken).ConfigureAwait(false);
        var reference = identities.Impu ?? targets.FirstOrDefault();

        // TS 29.228 6.1.2.1: an S-CSCF other than the assigned one may neither fetch the profile
        // nor deregister the user; only (re-)registration moves a user to another S-CSCF.
        if (reference?.ServerName is { } assigned && !string.Equals(assigned, serverName, StringComparison.OrdinalIgnoreCase)
            && reference.State != RegistrationState.NotRegistered
            && type is not (ServerAssignmentType.Registration or ServerAssignmentType.ReRegistration
                or ServerAssignmentType.AuthenticationFailure or ServerAssignmentType.AuthenticationTimeout))
        {
            return CxAnswer.Result(request, options, DiameterResultCode.UnableToComply, $"{reference.Impu} is served by another S-CSCF");
        }

        if (Change(type, serverName) is { } change)
        {
            var now = time.GetUtcNow();
            var updated = new List<ImpuRecord>();
            foreach (var target in targets)
            {
                // Unchanged rows are not rewritten (same reference), so ChangedAt marks real transitions only.
                ImpuRecord Stamped(ImpuRecord current) => change(current) is var next && !ReferenceEquals(next, current) ? next with { ChangedAt = now } : current;
                if (await RegistrationWrites.UpdateImpuAsync(store, target.Impu, Stamped, options.MaxWriteAttempts, cancellationToken).ConfigureAwait(false) is { } record)
                {
                    updated.Add(record);
                }
            }

            targets = updated;
        }

        var answer = CxAnswer.Create(request, options, DiameterResultCode.Success).Add(Avps.UserName, subscriber.Impi);
        var profileSent = false;
        if (CarriesProfile(type))
        {
            // TS 29.228 6.1.2.1: the profile is sent unless the S-CSCF says it already has it;
            // NO_ASSIGNMENT exists to fetch it, so it always gets it.
            if (!userDataAvailable || type == ServerAssignmentType.NoAssignment)
            {
                answer.Add(Avps.UserData, Encoding.UTF8.GetBytes(ImsSubscriptionXml.Write(Subscription(subscriber, targets))));
                profileSent = true;
            }

            AddChargingInformation(answer);
        }

        return new CxReply(answer.Build(), Describe(type, subscriber, targets, serverName, profileSent));
    }

    // "REGISTRATION of 2 IMPU(s) of alice@ims.example at sip:scscf...: registered, profile sent".
    private static string Describe(ServerAssignmentType type, ImpiRecord subscriber, IReadOnlyList<ImpuRecord> targets, string serverName, bool profileSent)
    {
        var states = string.Join(", ", targets.Select(t => t.State.ToToken()).Distinct());
        return $"{CxNames.Of(type)} of {targets.Count} IMPU(s) of {subscriber.Impi} from {serverName}: {(states.Length == 0 ? "none" : states)}"
            + (profileSent ? ", profile sent" : string.Empty);
    }

    /// <summary>The IMS subscription (TS 29.228 Annex E) of the implicit set: one service profile with its identities and criteria.</summary>
    public static ImsSubscription Subscription(ImpiRecord subscriber, IReadOnlyList<ImpuRecord> set) =>
        new(subscriber.Impi,
        [
            new ServiceProfile(
                [.. set.Select(i => new PublicIdentity(i.Impu, i.Barred))],
                IfcStorage.Read(subscriber.IfcXml)),
        ]);

    private static bool CarriesProfile(ServerAssignmentType type) =>
        type is ServerAssignmentType.NoAssignment or ServerAssignmentType.Registration
            or ServerAssignmentType.ReRegistration or ServerAssignmentType.UnregisteredUser;

    // TS 29.228 6.1.2.1 and Table 6.1.2.1: the registration state and S-CSCF name each type leaves behind.
    private static Func<ImpuRecord, ImpuRecord>? Change(ServerAssignmentType type, string serverName) => type switch
    {
        ServerAssignmentType.Registration or ServerAssignmentType.ReRegistration =>
            impu => impu.State == RegistrationState.Registered && impu.ServerName == serverName
                ? impu
                : impu with { State = RegistrationState.Registered, ServerName = serverName },

        // A terminating or originating request for a user who is not registered: the S-CSCF keeps the
        // profile, the identity becomes UNREGISTERED. A registered identity stays registered.
        ServerAssignmentType.UnregisteredUser =>
            impu => impu.State == RegistrationState.Registered || (impu.State == RegistrationState.Unregistered && impu.ServerName == serverName)
                ? impu
                : impu with { State = RegistrationState.Unregistered, ServerName = serverName },

        ServerAssignmentType.TimeoutDeregistration or ServerAssignmentType.UserDeregistration
            or ServerAssignmentType.AdministrativeDeregistration or ServerAssignmentType.DeregistrationTooMuchData =>
            impu => impu.State == RegistrationState.NotRegistered && impu.ServerName is null
                ? impu
                : impu with { State = RegistrationState.NotRegistered, ServerName = null },

        // The HSS keeps the S-CSCF name so that the next request for this user goes to the same S-CSCF.
        ServerAssignmentType.TimeoutDeregistrationStoreServerName or ServerAssignmentType.UserDeregistrationStoreServerName =>
            impu => impu.State == RegistrationState.NotRegistered && impu.ServerName == serverName
                ? impu
                : impu with { State = RegistrationState.NotRegistered, ServerName = serverName },

        // A failed (re-)authentication: a registered user stays as they were; for one who was
        // registering, the S-CSCF name the MAR recorded is dropped.
        ServerAssignmentType.AuthenticationFailure or ServerAssignmentType.AuthenticationTimeout =>
            impu => impu.State == RegistrationState.NotRegistered && impu.ServerName is not null
                ? impu with { ServerName = null }
                : impu,

        _ => null,
    };

    private async Task<IReadOnlyList<ImpuRecord>> ServedByAsync(ImpiRecord subscriber, string serverName, CancellationToken cancellationToken)
    {
        var served = new List<ImpuRecord>();
        foreach (var uri in subscriber.Impus)
        {
            if (await SubscriberTables.ReadImpuAsync(store, uri, cancellationToken).ConfigureAwait(false) is { } read
                && string.Equals(read.Record.Impi, subscriber.Impi, StringComparison.Ordinal)
                && (read.Record.ServerName is null || string.Equals(read.Record.ServerName, serverName, StringComparison.OrdinalIgnoreCase)))
            {
                served.Add(read.Record);
            }
        }

        return served;
    }

    private void AddChargingInformation(DiameterMessageBuilder answer)
    {
        if (!options.HasChargingInformation)
        {
            return;
        }

        // TS 29.229 6.3.19: Charging-Information { [Primary-Event-CF], [Secondary-Event-CF], [Primary-CCF], [Secondary-CCF] }.
        answer.Add(Avps.ChargingInformation, group =>
        {
            if (options.PrimaryEventChargingFunction is { } pecf)
            {
                group.Add(Avps.PrimaryEventChargingFunctionName, pecf);
            }

            if (options.SecondaryEventChargingFunction is { } secf)
            {
                group.Add(Avps.SecondaryEventChargingFunctionName, secf);
            }

            if (options.PrimaryChargingCollectionFunction is { } pccf)
            {
                group.Add(Avps.PrimaryChargingCollectionFunctionName, pccf);
            }

            if (options.SecondaryChargingCollectionFunction is { } sccf)
            {
                group.Add(Avps.SecondaryChargingCollectionFunctionName, sccf);
            }
        });
    }

    // RFC 6733 7.5: Failed-AVP carries an example of the missing AVP.
    private DiameterMessage MissingPublicIdentity(DiameterMessage request) =>
        CxAnswer.Create(request, options, DiameterResultCode.MissingAvp)
            .Add(Avps.ErrorMessage, "SAR needs Public-Identity for this Server-Assignment-Type")
            .Add(Avps.FailedAvp, failed => failed.Add(Avps.PublicIdentity, string.Empty))
            .Build();
}
