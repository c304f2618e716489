namespace Ims.Hss.Subscribers;

/// <summary>
/// The registration state the HSS keeps per public identity (TS 29.228 6.1, Table 6.1.2.1 and
/// Annex B.2.x): not registered, registered, or unregistered (an S-CSCF holds the profile to
/// serve terminating or originating requests of a user who has not registered).
/// </summary>
public enum RegistrationState
{
    NotRegistered = 0,
    Registered = 1,
    Unregistered = 2,
}

/// <summary>Text forms of <see cref="RegistrationState"/> for tables and operator output.</summary>
public static class RegistrationStateNames
{
    /// <summary>The token stored in the table and printed by `ims subscriber show`.</summary>
    public static string ToToken(this RegistrationState state) => state switch
    {
        RegistrationState.Registered => "registered",
        RegistrationState.Unregistered => "unregistered",
        _ => "not-registered",
    };

    /// <summary>Reads a stored token; anything unknown is NotRegistered (the safe default).</summary>
    public static RegistrationState FromToken(string? token) => token switch
    {
        "registered" => RegistrationState.Registered,
        "unregistered" => RegistrationState.Unregistered,
        _ => RegistrationState.NotRegistered,
    };
}
