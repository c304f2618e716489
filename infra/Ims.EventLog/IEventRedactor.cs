using Ims.Events;

namespace Ims.EventLog;

/// <summary>
/// Removes secrets from an envelope before it is written (TS 33.203: CK, IK, RES/XRES and digest
/// responses must not be kept). The edge supplies one that understands SIP and Diameter.
/// </summary>
public interface IEventRedactor
{
    BusEnvelope Redact(BusEnvelope envelope);
}
