namespace Ims.Diameter.Values;

/// <summary>User-Authorization-Type (TS 29.229 6.3.24); absent means REGISTRATION.</summary>
public enum UserAuthorizationType
{
    Registration = 0,
    DeRegistration = 1,
    RegistrationAndCapabilities = 2,
}

/// <summary>Server-Assignment-Type (TS 29.229 6.3.15).</summary>
public enum ServerAssignmentType
{
    NoAssignment = 0,
    Registration = 1,
    ReRegistration = 2,
    UnregisteredUser = 3,
    TimeoutDeregistration = 4,
    UserDeregistration = 5,
    TimeoutDeregistrationStoreServerName = 6,
    UserDeregistrationStoreServerName = 7,
    AdministrativeDeregistration = 8,
    AuthenticationFailure = 9,
    AuthenticationTimeout = 10,
    DeregistrationTooMuchData = 11,
}

/// <summary>User-Data-Already-Available (TS 29.229 6.3.26).</summary>
public enum UserDataAlreadyAvailable
{
    UserDataNotAvailable = 0,
    UserDataAlreadyAvailable = 1,
}
