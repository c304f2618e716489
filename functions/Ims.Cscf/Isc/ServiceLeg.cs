using Ims.Ifc.Subscription;

namespace Ims.Cscf.Isc;

/// <summary>
/// The application server a request was sent to over ISC, carried in the continuation so that the
/// S-CSCF can apply the iFC's DefaultHandling when the AS stays silent (TS 24.229 5.4.3.2): which
/// served user and session case, which iFC (its priority), and what to do without an answer.
/// </summary>
internal sealed record ServiceLeg(
    SessionCase SessionCase,
    string ServedUser,
    int Priority,
    string ApplicationServer,
    DefaultHandling DefaultHandling,
    bool Entering);
