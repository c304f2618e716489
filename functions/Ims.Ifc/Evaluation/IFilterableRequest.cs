namespace Ims.Ifc.Evaluation;

/// <summary>
/// What iFC evaluation reads of an initial request (TS 29.228 Annex C). The S-CSCF adapts its SIP
/// message to this view, so that evaluation does not depend on a SIP library or copy the message.
/// </summary>
public interface IFilterableRequest
{
    string Method { get; }

    string RequestUri { get; }

    /// <summary>Every value of the named header, full and compact names alike (case-insensitive), in message order.</summary>
    IEnumerable<string> HeaderValues(string name);

    /// <summary>The SDP lines of the body as type letter and value ("m", "audio 49170 RTP/AVP 0"); empty without SDP.</summary>
    IEnumerable<KeyValuePair<string, string>> SessionDescriptionLines { get; }

    /// <summary>For a REGISTER: initial, re- or de-registration (TS 29.228 Table E.8); null otherwise.</summary>
    Subscription.RegistrationType? RegistrationType { get; }
}
