using Ims.Hss.Subscribers;

namespace Ims.Hss.Provisioning;

/// <summary>
/// What `ims subscriber show` prints about one subscriber: identities, registration state and
/// S-CSCF per IMPU, SQN, AMF and schemes. Never K, OPc or HA1.
/// </summary>
public sealed record SubscriberView(
    string Impi,
    IReadOnlyList<ImpuView> Impus,
    long Sqn,
    string Amf,
    AuthSchemes Schemes,
    string? DigestRealm,
    int FilterCriteriaCount)
{
    /// <summary>`name: value` lines, one IMPU per line, e.g. `impu: sip:alice@ims.example registered scscf=sip:scscf.ims.example:6060`.</summary>
    public IEnumerable<string> ToLines()
    {
        yield return $"impi: {Impi}";
        foreach (var impu in Impus)
        {
            yield return $"impu: {impu}";
        }

        yield return $"sqn: {SubscriberValidation.SqnHex(Sqn)}";
        yield return $"amf: {Amf}";
        yield return $"schemes: {AuthSchemeNames.Format(Schemes)}";
        if (DigestRealm is not null)
        {
            yield return $"realm: {DigestRealm}";
        }

        yield return $"ifc: {FilterCriteriaCount}";
    }
}

/// <summary>One IMPU line of <see cref="SubscriberView"/>.</summary>
public sealed record ImpuView(string Impu, RegistrationState State, string? ServerName, bool Barred, string ImplicitSet)
{
    public override string ToString() =>
        $"{Impu} {State.ToToken()}{(ServerName is null ? "" : $" scscf={ServerName}")}{(Barred ? " barred" : "")}";
}
