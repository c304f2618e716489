using System.Text;

namespace Ims.Hss.Provisioning;

/// <summary>
/// A subscriber as an operator writes it (CLI options or one entry of an import file): text
/// exactly as given, checked by <see cref="SubscriberValidation"/>. K, OP, OPc and the password
/// never appear in <see cref="ToString"/>.
/// </summary>
public sealed record SubscriberSpec
{
    public required string Impi { get; init; }

    public required IReadOnlyList<ImpuSpec> Impus { get; init; }

    /// <summary>K in hex, 16 bytes.</summary>
    public required string K { get; init; }

    /// <summary>OP in hex (16 bytes); exactly one of <see cref="Op"/> and <see cref="Opc"/>.</summary>
    public string? Op { get; init; }

    public string? Opc { get; init; }

    /// <summary>AMF in hex (2 bytes); default 8000 (TS 33.102 Annex H: the separation bit set).</summary>
    public string? Amf { get; init; }

    /// <summary>The starting SQN in hex (6 bytes); default 000000000000.</summary>
    public string? Sqn { get; init; }

    /// <summary>When given, SIP Digest is allowed with HA1 for realm = the IMPI's domain.</summary>
    public string? Password { get; init; }

    /// <summary>InitialFilterCriteria XML (a fragment of elements or a whole IMSSubscription).</summary>
    public string? IfcXml { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Impi = ").Append(Impi)
            .Append(", Impus = [").Append(string.Join(", ", Impus.Select(i => i.Impu))).Append(']')
            .Append(", K = [redacted], Op = [redacted], Opc = [redacted], Password = [redacted]");
        return true;
    }
}

/// <summary>A public identity to provision: its URI, whether it is barred, and its implicit registration set.</summary>
public sealed record ImpuSpec(string Impu, bool Barred = false, string? ImplicitSet = null);
