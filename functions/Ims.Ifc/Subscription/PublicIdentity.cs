namespace Ims.Ifc.Subscription;

/// <summary>A public user identity (IMPU) of a service profile (TS 29.228 B.2.1, E.6.3).</summary>
public sealed record PublicIdentity(
    string Identity,
    bool Barred = false,
    PublicIdentityType IdentityType = PublicIdentityType.PublicUserIdentity,
    string? WildcardedPsi = null,
    string? DisplayName = null,
    string? AliasIdentityGroupId = null);

/// <summary>IdentityType (TS 29.228 Table E.2, tIdentityType).</summary>
public enum PublicIdentityType
{
    PublicUserIdentity = 0,
    DistinctPsi = 1,
    WildcardedPsi = 2,
    WildcardedPublicUserIdentity = 3,
}
