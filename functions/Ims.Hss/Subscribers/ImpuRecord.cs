namespace Ims.Hss.Subscribers;

/// <summary>
/// A public identity (IMPU) as the HSS stores it: the private identity that owns it, barring
/// (TS 29.228 B.2.1), the implicit registration set it belongs to (TS 23.228 4.3.3.4), and its
/// registration state and assigned S-CSCF (TS 29.228 6.1).
/// </summary>
public sealed record ImpuRecord
{
    public required string Impu { get; init; }

    public required string Impi { get; init; }

    public bool Barred { get; init; }

    /// <summary>Identities with the same value are registered and deregistered together.</summary>
    public string ImplicitSet { get; init; } = DefaultImplicitSet;

    public RegistrationState State { get; init; }

    /// <summary>The S-CSCF assigned to serve this identity, or null when none is.</summary>
    public string? ServerName { get; init; }

    /// <summary>When a SAR last changed <see cref="State"/> or <see cref="ServerName"/> (from the injected clock), null before any.</summary>
    public DateTimeOffset? ChangedAt { get; init; }

    public const string DefaultImplicitSet = "1";
}
