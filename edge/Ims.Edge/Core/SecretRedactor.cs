using System.Text;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.EventLog;
using Ims.Events;
using Ims.Sip;
using Ims.Sip.Building;
using Ims.Sip.Headers;
using Ims.Sip.Parsing;
using Ims.Sip.Syntax;

namespace Ims.Edge.Core;

/// <summary>
/// What the event log must never hold (TS 33.203: the keys of a security association are not for
/// anyone else): CK and IK in a 401's WWW-Authenticate, the Digest response of an Authorization,
/// and in Cx the XRES (SIP-Authorization of an MAA), CK, IK and Digest-HA1. Each is replaced by the
/// word "redacted" so a reader sees that something was there; everything else is kept byte for byte.
/// </summary>
public sealed class SecretRedactor : IEventRedactor
{
    private const string Redacted = "redacted";
    private static readonly byte[] RedactedBytes = Encoding.ASCII.GetBytes(Redacted);
    private static readonly (uint Code, uint Vendor)[] SecretAvps =
    [
        (Avps.SipAuthorization.Code, Avps.SipAuthorization.VendorId),
        (Avps.ConfidentialityKey.Code, Avps.ConfidentialityKey.VendorId),
        (Avps.IntegrityKey.Code, Avps.IntegrityKey.VendorId),
        (Avps.DigestHa1.Code, Avps.DigestHa1.VendorId),
    ];

    public BusEnvelope Redact(BusEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        BusMessage message = envelope.Message switch
        {
            SipRequestReceived m => Sip(m.Message) is var b && b != m.Message ? m with { Message = b } : m,
            SipResponseReceived m => Sip(m.Message) is var b && b != m.Message ? m with { Message = b } : m,
            SendSipResponse m => Sip(m.Message) is var b && b != m.Message ? m with { Message = b } : m,
            ForwardSipRequest m => Sip(m.Message) is var b && b != m.Message ? m with { Message = b } : m,
            SendSipRequest m => Sip(m.Message) is var b && b != m.Message ? m with { Message = b } : m,
            DiameterRequestReceived m => Diameter(m.Message) is var b && b != m.Message ? m with { Message = b } : m,
            DiameterAnswerReceived { Message: { } bytes } m => Diameter(bytes) is var b && b != bytes ? m with { Message = b } : m,
            SendDiameterRequest m => Diameter(m.Message) is var b && b != m.Message ? m with { Message = b } : m,
            SendDiameterAnswer m => Diameter(m.Message) is var b && b != m.Message ? m with { Message = b } : m,
            _ => envelope.Message,
        };
        // The same envelope when nothing was secret: the log marks only the records that lost something.
        return ReferenceEquals(message, envelope.Message) ? envelope : envelope with { Message = message };
    }

    private static byte[] Sip(byte[] bytes)
    {
        if (SipMessage.Parse(bytes).Message is not { } message)
        {
            return bytes;
        }

        SipMessageEditor? editor = null;
        foreach (var (kind, secrets) in new[]
        {
            (SipHeaderKind.WwwAuthenticate, new[] { "ck", "ik" }),
            (SipHeaderKind.ProxyAuthenticate, new[] { "ck", "ik" }),
            (SipHeaderKind.Authorization, new[] { "response" }),
            (SipHeaderKind.ProxyAuthorization, new[] { "response" }),
        })
        {
            if (message.First(kind) is { } value && SipCredentials.TryParse(value, out var credentials)
                && credentials.Parameters.Any(p => secrets.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
            {
                var kept = credentials.Parameters
                    .Select(p => secrets.Contains(p.Name, StringComparer.OrdinalIgnoreCase) ? new SipParameter(p.Name, $"\"{Redacted}\"") : p)
                    .ToList();
                editor ??= new SipMessageEditor(message);
                editor.Set(kind, new SipCredentials(credentials.Scheme, kept).ToString());
            }
        }

        return editor?.ToArray() ?? bytes;
    }

    private static byte[] Diameter(byte[] bytes)
    {
        var decoded = DiameterDecoder.Decode(bytes);
        if (!decoded.IsSuccess)
        {
            return bytes;
        }

        var changed = false;
        var avps = decoded.Message.Avps.Select(a => Scrub(a, ref changed)).ToList();
        return changed ? DiameterEncoder.Encode(new DiameterMessage(decoded.Message.Header, avps)) : bytes;
    }

    private static DiameterAvp Scrub(DiameterAvp avp, ref bool changed)
    {
        if (SecretAvps.Contains((avp.Code, avp.VendorId)))
        {
            changed = true;
            return new DiameterAvp(avp.Code, avp.Flags, avp.VendorId, RedactedBytes);
        }

        if (!avp.IsGrouped)
        {
            return avp;
        }

        var childChanged = false;
        var children = new List<DiameterAvp>(avp.Children.Count);
        foreach (var child in avp.Children)
        {
            children.Add(Scrub(child, ref childChanged));
        }

        if (!childChanged)
        {
            return avp;
        }

        changed = true;
        return new DiameterAvp(avp.Code, avp.Flags, avp.VendorId, children);
    }
}
