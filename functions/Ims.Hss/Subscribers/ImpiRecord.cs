using System.Text;
using Ims.Aka.Milenage;

namespace Ims.Hss.Subscribers;

/// <summary>
/// A private identity (IMPI) as the HSS stores it: the AKA secrets (K, OPc, AMF), the last SQN
/// handed out (TS 33.102 Annex C), the allowed schemes, the SIP Digest HA1 and realm, the public
/// identities it owns, its service profile's filter criteria, and the S-CSCF that last asked for
/// vectors. Secrets never appear in <see cref="ToString"/>.
/// </summary>
public sealed record ImpiRecord
{
    public required string Impi { get; init; }

    /// <summary>K and OPc (OP is never stored: TS 35.206 4.1 lets OPc stand in for it).</summary>
    public required SubscriberKeys Keys { get; init; }

    /// <summary>The authentication management field written into AUTN (2 bytes).</summary>
    public required ReadOnlyMemory<byte> Amf { get; init; }

    /// <summary>The highest SQN handed out, 48 bits (TS 33.102 C.1.1: SEQ || IND).</summary>
    public required long Sqn { get; init; }

    public required AuthSchemes Schemes { get; init; }

    /// <summary>MD5(IMPI:realm:password) in lower-case hex, when SIP Digest is allowed (RFC 2617 3.2.2.2).</summary>
    public string? DigestHa1 { get; init; }

    public string? DigestRealm { get; init; }

    /// <summary>The public identities of this subscription, in provisioning order.</summary>
    public required IReadOnlyList<string> Impus { get; init; }

    /// <summary>The service profile's InitialFilterCriteria as XML (TS 29.228 Annex E), or null for none.</summary>
    public string? IfcXml { get; init; }

    /// <summary>The S-CSCF that last sent a MAR for this identity (TS 29.228 6.3.1).</summary>
    public string? AuthServerName { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Impi = ").Append(Impi)
            .Append(", Keys = [redacted], Sqn = ").Append(Sqn)
            .Append(", Schemes = ").Append(Schemes)
            .Append(", Impus = ").Append(Impus.Count);
        return true;
    }
}
