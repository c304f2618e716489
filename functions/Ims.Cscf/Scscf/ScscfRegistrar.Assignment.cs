using System.Globalization;
using Ims.Cscf.Cx;
using Ims.Cscf.Proxy;
using Ims.Cscf.Registration;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions;
using Ims.Ifc.Subscription;
using Ims.Sip;
using Ims.Sip.Uris;
using Ims.Sip.Headers;
using Ims.Sip.Parsing;
using Ims.Sip.Syntax;
using Ims.Storage;

namespace Ims.Cscf.Scscf;

public sealed partial class ScscfRegistrar
{
    /// <summary>SAA: store the bindings and answer 200 OK (TS 24.229 5.4.1.2.2), or remove them on de-registration (5.4.1.4).</summary>
    private async Task<FunctionOutcome> SaaAsync(BusEnvelope envelope, DiameterAnswerReceived received, CancellationToken cancellationToken)
    {
        if (!RegisterState.TryResume(envelope.Continuation, out var state, out var request)
            || RegisterRequest.Read(request, _options.DefaultExpires, out _) is not { } register)
        {
            return FunctionOutcome.Of("SAA without a usable continuation; dropped");
        }

        var answer = CxAnswer.Of(received);
        if (answer.Message is null)
        {
            return Refuse(state, request, 480, "Temporarily Unavailable", $"SAR got no answer ({answer.Outcome})");
        }

        if (!answer.IsSuccess)
        {
            return answer.Is(DiameterExperimentalResultCode.ErrorUserUnknown) || answer.Is(DiameterExperimentalResultCode.ErrorIdentitiesDontMatch)
                ? Refuse(state, request, 403, "Forbidden", $"HSS refused the SAR ({answer.Outcome})")
                : Refuse(state, request, 500, "Server Internal Error", $"HSS refused the SAR ({answer.Outcome})");
        }

        var rows = await RegistrarBindings.ReadAsync(_store, register.Impu, cancellationToken).ConfigureAwait(false);
        if (register.IsDeregistration)
        {
            var removals = await RemoveAsync(register.Impu, rows, register, cancellationToken).ConfigureAwait(false);
            return Ok(state, request, register, [], envelope.Time, removals, $"{register.Impu} de-registered (SAA {answer.Outcome})");
        }

        var userData = answer.Message.GetString(Avps.UserData) ?? string.Empty;
        var associated = AssociatedUris(userData, register.Impu, out var profileNote);
        var operations = new List<TableOperation> { TableOperation.Upsert(RegistrarBindings.Profile(register.Impu, register.Impi, userData, associated)) };
        var commands = new List<OutgoingCommand>();
        var partition = RegistrarBindings.Partition(register.Impu);
        var path = request.Values(SipHeaderKind.Path) ?? [];
        foreach (var binding in register.Contacts)
        {
            var row = RegistrarBindings.ContactRow(binding.Uri);
            var timerId = ExpiryTimerPrefix + partition + "|" + row;
            if (binding.Expires == 0)
            {
                if (rows.Any(r => r.RowKey == row))
                {
                    operations.Add(TableOperation.Delete(partition, row, ETag.Any));
                }

                commands.Add(new OutgoingCommand(new CancelTimer(timerId)));
                continue;
            }

            var expiresAt = envelope.Time.AddSeconds(Math.Min(binding.Expires, _options.MaxExpires));
            operations.Add(TableOperation.Upsert(RegistrarBindings.Contact(
                register.Impu, register.Impi, binding.Uri, binding.Contact.ToString(), path, request.CallId ?? string.Empty, request.CSeq?.Number ?? 0, expiresAt)));
            commands.Add(new OutgoingCommand(new ScheduleTimer(timerId, expiresAt, new ExpiryTimer(partition, binding.Uri, register.Impu, register.Impi).ToPayload())));
        }

        // One partition, so the profile and every contact change together or not at all.
        var written = await _store.ExecuteBatchAsync(RegistrarBindings.Table, operations, cancellationToken).ConfigureAwait(false);
        if (!written.IsOk)
        {
            return Refuse(state, request, 500, "Server Internal Error", $"bindings not stored: {written.Reason}");
        }

        rows = await RegistrarBindings.ReadAsync(_store, register.Impu, cancellationToken).ConfigureAwait(false);
        return Ok(state, request, register, rows, envelope.Time, commands, $"{register.Impu} registered with {associated.Count} IMPU(s){profileNote} (SAA {answer.Outcome})");
    }

    /// <summary>
    /// The 200 OK of a REGISTER (RFC 3261 10.3 step 8, TS 24.229 5.4.1.2.2): every current binding
    /// with its remaining expiry, the Path echoed (RFC 3327 5.3), Service-Route to this S-CSCF
    /// (RFC 3608) and the implicitly registered IMPUs in P-Associated-URI (RFC 7315 4.1).
    /// </summary>
    private FunctionOutcome Ok(RegisterState state, SipMessage request, RegisterRequest register, IReadOnlyList<TableEntity> rows, DateTimeOffset now, IReadOnlyList<OutgoingCommand> commands, string decision)
    {
        var response = SipReply.Builder(request, 200, "OK", ImsRole.Scscf);
        var live = RegistrarBindings.LiveContacts(rows, now).ToList();
        foreach (var contact in live)
        {
            var remaining = (int)Math.Ceiling((contact.GetDateTimeOffset("ExpiresAt")!.Value - now).TotalSeconds);
            response.Add("Contact", WithExpires(contact.GetString("Contact") ?? contact.GetString("ContactUri")!, remaining));
        }

        foreach (var path in request.Values(SipHeaderKind.Path) ?? [])
        {
            response.Add("Path", path);
        }

        if (live.Count > 0)
        {
            var scscf = SipUri.Parse(_options.ScscfUri);
            response.Add("Service-Route", $"<sip:orig@{scscf.HostPort};lr>");
            var profile = rows.FirstOrDefault(r => r.RowKey == RegistrarBindings.ProfileRow);
            var associated = profile?.GetString("AssociatedUris")?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [register.Impu];
            response.Add("P-Associated-URI", string.Join(", ", associated.Select(u => $"<{u}>")));
        }

        var all = new List<OutgoingCommand> { new(new SendSipResponse(state.TransactionId, response.ToArray())) };
        all.AddRange(commands);
        return new FunctionOutcome(all, decision + string.Create(CultureInfo.InvariantCulture, $"; 200 OK with {live.Count} contact(s)"));
    }

    /// <summary>Deletes the contacts a de-registration names (all for "*"), and the profile when none is left.</summary>
    private async Task<List<OutgoingCommand>> RemoveAsync(string impu, IReadOnlyList<TableEntity> rows, RegisterRequest register, CancellationToken cancellationToken)
    {
        var partition = RegistrarBindings.Partition(impu);
        var contacts = rows.Where(RegistrarBindings.IsContactRow).ToList();
        var leaving = register.RemoveAll
            ? contacts
            : contacts.Where(r => register.Contacts.Any(c => c.Expires == 0 && c.Uri == r.GetString("ContactUri"))).ToList();
        var operations = leaving.Select(r => TableOperation.Delete(partition, r.RowKey, ETag.Any)).ToList();
        if (leaving.Count == contacts.Count && rows.Any(r => r.RowKey == RegistrarBindings.ProfileRow))
        {
            operations.Add(TableOperation.Delete(partition, RegistrarBindings.ProfileRow, ETag.Any));
        }

        if (operations.Count > 0)
        {
            await _store.ExecuteBatchAsync(RegistrarBindings.Table, operations, cancellationToken).ConfigureAwait(false);
        }

        return leaving.Select(r => new OutgoingCommand(new CancelTimer(ExpiryTimerPrefix + partition + "|" + r.RowKey))).ToList();
    }

    /// <summary>
    /// The implicit registration set (TS 23.228 4.3.3.4, TS 24.229 5.4.1.2.2): the non-barred IMPUs of
    /// the service profile that holds the registered one, that one first.
    /// </summary>
    private static List<string> AssociatedUris(string userData, string impu, out string note)
    {
        var read = userData.Length == 0 ? null : ImsSubscriptionXml.Read(userData);
        var profile = read?.Subscription?.ServiceProfiles.FirstOrDefault(p => p.PublicIdentities.Any(i => string.Equals(i.Identity, impu, StringComparison.OrdinalIgnoreCase)));
        if (profile is null)
        {
            note = read?.Error is { } error ? $" (User-Data unreadable: {error})" : " (no service profile for it in User-Data)";
            return [impu];
        }

        note = string.Empty;
        var set = new List<string> { impu };
        set.AddRange(profile.PublicIdentities
            .Where(i => !i.Barred && i.IdentityType == PublicIdentityType.PublicUserIdentity && !string.Equals(i.Identity, impu, StringComparison.OrdinalIgnoreCase))
            .Select(i => i.Identity));
        return set;
    }

    private static string WithExpires(string contact, int expires)
    {
        if (!SipContact.TryParse(contact, out var parsed, out _) || parsed.Address is not { } address)
        {
            return contact;
        }

        var parameters = address.Parameters.Where(p => !string.Equals(p.Name, "expires", StringComparison.OrdinalIgnoreCase)).ToList();
        parameters.Add(new SipParameter("expires", expires.ToString(CultureInfo.InvariantCulture)));
        return (address with { Parameters = parameters, Bracketed = true }).ToString();
    }
}
