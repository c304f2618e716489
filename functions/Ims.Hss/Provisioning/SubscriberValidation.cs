using System.Globalization;
using Ims.Aka.Milenage;
using Ims.Aka.Digest;
using Ims.Hss.Subscribers;
using Ims.Ifc.Subscription;


namespace Ims.Hss.Provisioning;

/// <summary>A subscriber that passed validation: the rows to write.</summary>
public sealed record ValidatedSubscriber(ImpiRecord Impi, IReadOnlyList<ImpuRecord> Impus);

/// <summary>
/// Checks a <see cref="SubscriberSpec"/> without touching the store: identities, hex and lengths
/// (K/OP/OPc 16 bytes, AMF 2, SQN 6 — TS 35.206, TS 33.102 6.3.2), the OP/OPc choice, and the
/// filter criteria XML. Derives OPc from OP (TS 35.206 4.1) and HA1 from the password.
/// </summary>
public static class SubscriberValidation
{
    public const string DefaultAmf = "8000";
    public const string DefaultSqn = "000000000000";

    public static (ValidatedSubscriber? Subscriber, IReadOnlyList<ProvisioningError> Errors) Validate(SubscriberSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<ProvisioningError>();
        void Error(ProvisioningErrorKind kind, string message) => errors.Add(new ProvisioningError(kind, message));

        var impi = spec.Impi?.Trim() ?? string.Empty;
        var realm = RealmOf(impi);
        if (realm is null || !SubscriberTables.IsUsableKey(impi) || impi.Any(char.IsWhiteSpace))
        {
            // TS 23.003 13.3: the IMPI is an NAI, username@realm; the realm also names the Digest realm.
            Error(ProvisioningErrorKind.InvalidImpi, $"IMPI '{impi}' is not of the form user@domain");
        }

        var impus = new List<ImpuRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (spec.Impus is not { Count: > 0 })
        {
            Error(ProvisioningErrorKind.InvalidImpu, "at least one IMPU is needed");
        }
        else
        {
            foreach (var impu in spec.Impus)
            {
                var uri = impu.Impu?.Trim() ?? string.Empty;
                if (!IsPublicIdentity(uri))
                {
                    Error(ProvisioningErrorKind.InvalidImpu, $"IMPU '{uri}' is not a sip:, sips: or tel: URI");
                }
                else if (!seen.Add(SubscriberTables.ImpuKey(uri)))
                {
                    Error(ProvisioningErrorKind.DuplicateImpu, $"IMPU '{uri}' is given twice");
                }
                else
                {
                    impus.Add(new ImpuRecord
                    {
                        Impu = uri,
                        Impi = impi,
                        Barred = impu.Barred,
                        ImplicitSet = string.IsNullOrWhiteSpace(impu.ImplicitSet) ? ImpuRecord.DefaultImplicitSet : impu.ImplicitSet.Trim(),
                    });
                }
            }
        }

        var k = Hex(spec.K, "K", SubscriberKeys.KeyLength, errors);
        byte[]? opc = null;
        if ((spec.Op is null) == (spec.Opc is null))
        {
            Error(ProvisioningErrorKind.OperatorKeyChoice, "give exactly one of OP and OPc");
        }
        else if (spec.Op is not null)
        {
            var op = Hex(spec.Op, "OP", SubscriberKeys.KeyLength, errors);
            opc = k is not null && op is not null ? MilenageAlgorithm.ComputeOpc(k, op) : null;
        }
        else
        {
            opc = Hex(spec.Opc, "OPc", SubscriberKeys.KeyLength, errors);
        }

        var amf = Hex(spec.Amf ?? DefaultAmf, "AMF", MilenageAlgorithm.AmfLength, errors);
        var sqn = Hex(spec.Sqn ?? DefaultSqn, "SQN", MilenageAlgorithm.SqnLength, errors);

        string? ifcXml = null;
        if (spec.IfcXml is not null)
        {
            var (criteria, problem) = ImsSubscriptionXml.ReadCriteria(spec.IfcXml);
            if (criteria is null)
            {
                Error(ProvisioningErrorKind.InvalidIfc, $"invalid iFC XML: {problem}");
            }
            else
            {
                // Stored in the one form we write, so what SAA sends is what ImsSubscriptionXml reads back.
                ifcXml = IfcStorage.Write(criteria);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var schemes = AuthSchemes.AkaV1Md5 | AuthSchemes.AkaV2Md5;
        string? ha1 = null;
        if (spec.Password is not null)
        {
            schemes |= AuthSchemes.DigestMd5;
            ha1 = DigestHa1.FromPassword(DigestHash.Md5, impi, realm!, spec.Password).Hex;
        }

        var record = new ImpiRecord
        {
            Impi = impi,
            Keys = SubscriberKeys.FromOpc(k, opc),
            Amf = amf!,
            Sqn = SqnValue(sqn!),
            Schemes = schemes,
            DigestHa1 = ha1,
            DigestRealm = realm,
            Impus = [.. impus.Select(i => i.Impu)],
            IfcXml = ifcXml,
        };
        return (new ValidatedSubscriber(record, impus), []);
    }

    /// <summary>The part after the last '@' of an NAI, or null when there is none.</summary>
    public static string? RealmOf(string impi)
    {
        var at = impi.LastIndexOf('@');
        return at > 0 && at < impi.Length - 1 ? impi[(at + 1)..] : null;
    }

    /// <summary>TS 23.003 13.4: a public identity is a SIP URI (RFC 3261) or a tel URI (RFC 3966).</summary>
    public static bool IsPublicIdentity(string uri)
    {
        if (string.IsNullOrEmpty(uri) || uri.Any(char.IsWhiteSpace) || !SubscriberTables.IsUsableKey(uri))
        {
            return false;
        }

        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == uri.Length - 1)
        {
            return false;
        }

        var scheme = uri[..colon];
        return scheme.Equals("sip", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("sips", StringComparison.OrdinalIgnoreCase)
            || scheme.Equals("tel", StringComparison.OrdinalIgnoreCase);
    }

    public static long SqnValue(ReadOnlySpan<byte> sqn)
    {
        long value = 0;
        foreach (var b in sqn)
        {
            value = (value << 8) | b;
        }

        return value;
    }

    public static string SqnHex(long sqn) => sqn.ToString("x12", CultureInfo.InvariantCulture);

    private static byte[]? Hex(string? text, string name, int length, List<ProvisioningError> errors)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            value = value[2..];
        }

        if (value.Length == 0 || value.Length % 2 != 0 || !value.All(char.IsAsciiHexDigit))
        {
            // The value itself may be a secret: name the field, never echo it.
            errors.Add(new ProvisioningError(ProvisioningErrorKind.InvalidHex, $"{name} is not hex"));
            return null;
        }

        var bytes = Convert.FromHexString(value);
        if (bytes.Length != length)
        {
            errors.Add(new ProvisioningError(ProvisioningErrorKind.InvalidLength, $"{name} must be {length} bytes ({length * 2} hex digits), got {bytes.Length}"));
            return null;
        }

        return bytes;
    }

}
