namespace Ims.Events;

/// <summary>The IMS function a message was received for (TS 23.228 4.6, 4.7); one edge can serve several.</summary>
public enum ImsRole
{
    Pcscf,
    Icscf,
    Scscf,
    ApplicationServer,
    Hss,
    Pcrf,
    Ocs,
}
