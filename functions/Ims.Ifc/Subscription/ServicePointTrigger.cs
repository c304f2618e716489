namespace Ims.Ifc.Subscription;

/// <summary>
/// A service point trigger (TS 29.228 B.2.2, Table E.3): one condition on the initial request,
/// possibly negated, belonging to one or more groups of the trigger point.
/// </summary>
public abstract record ServicePointTrigger(bool ConditionNegated, IReadOnlyList<int> Groups);

/// <summary>Matches the Request-URI against a regular expression.</summary>
public sealed record RequestUriTrigger(bool ConditionNegated, IReadOnlyList<int> Groups, string RequestUri)
    : ServicePointTrigger(ConditionNegated, Groups);

/// <summary>Matches the request method (case-sensitive per RFC 3261 7.1).</summary>
public sealed record MethodTrigger(bool ConditionNegated, IReadOnlyList<int> Groups, string Method,
    IReadOnlyList<RegistrationType>? RegistrationTypes = null)
    : ServicePointTrigger(ConditionNegated, Groups);

/// <summary>Matches a header's presence, or its content against a regular expression when Content is given.</summary>
public sealed record SipHeaderTrigger(bool ConditionNegated, IReadOnlyList<int> Groups, string Header, string? Content)
    : ServicePointTrigger(ConditionNegated, Groups);

/// <summary>Matches the session case of the request at the S-CSCF.</summary>
public sealed record SessionCaseTrigger(bool ConditionNegated, IReadOnlyList<int> Groups, SessionCase SessionCase)
    : ServicePointTrigger(ConditionNegated, Groups);

/// <summary>Matches an SDP line (by its type letter) and optionally its content against a regular expression.</summary>
public sealed record SessionDescriptionTrigger(bool ConditionNegated, IReadOnlyList<int> Groups, string Line, string? Content)
    : ServicePointTrigger(ConditionNegated, Groups);

/// <summary>SessionCase (TS 29.228 Table E.5).</summary>
public enum SessionCase
{
    Originating = 0,
    TerminatingRegistered = 1,
    TerminatingUnregistered = 2,
    OriginatingUnregistered = 3,
    OriginatingCdiv = 4,
}

/// <summary>RegistrationType of a REGISTER method trigger (TS 29.228 Table E.8).</summary>
public enum RegistrationType
{
    InitialRegistration = 0,
    ReRegistration = 1,
    DeRegistration = 2,
}
