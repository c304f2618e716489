namespace Ims.Pcrf;

/// <summary>What the built-in PCRF says about itself in its answers and requests.</summary>
public sealed record PcrfOptions
{
    public required string OriginHost { get; init; }

    public required string OriginRealm { get; init; }
}
