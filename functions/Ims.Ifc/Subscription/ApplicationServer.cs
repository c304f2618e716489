namespace Ims.Ifc.Subscription;

/// <summary>
/// The application server an iFC names (TS 29.228 B.2.2): its SIP URI, what to do when it does
/// not answer, and whether third-party REGISTERs carry the original request or response (Rel-9 extension).
/// </summary>
public sealed record ApplicationServer(
    string ServerName,
    DefaultHandling DefaultHandling = DefaultHandling.SessionContinued,
    string? ServiceInfo = null,
    bool IncludeRegisterRequest = false,
    bool IncludeRegisterResponse = false);

/// <summary>DefaultHandling (TS 29.228 Table E.4, TS 24.229 5.4.3.2).</summary>
public enum DefaultHandling
{
    SessionContinued = 0,
    SessionTerminated = 1,
}
