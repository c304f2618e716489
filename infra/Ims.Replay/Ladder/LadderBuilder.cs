using System.Globalization;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions.Catalog;
using Ims.Replay.Recorded;
using Ims.Replay.Replaying;

namespace Ims.Replay.Ladder;

/// <summary>
/// Turns replayed steps into a ladder: each message once. Commands are drawn from the role whose
/// handler sent them; an event is drawn only when it came from outside the core (a UE or an
/// application server), since a message between two roles is already drawn as the sender's command.
/// </summary>
public static class LadderBuilder
{
    private static readonly string[] CoreOrder = ["P-CSCF", "I-CSCF", "S-CSCF", "HSS"];

    public static LadderDiagram Build(IReadOnlyList<StepOutcome> outcomes, ImsFunctionSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var ports = RolePorts(settings);
        var arrows = new List<LadderArrow>();
        var decisions = new Dictionary<int, string>();
        // Who a forwarded request went to, per transaction: its responses come back from there.
        var nextHops = new Dictionary<string, string>(StringComparer.Ordinal);
        var requesters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            var step = outcome.Step;
            var role = RoleOf(outcome.Function, step.Event.Message);
            decisions[step.Number] = $"{outcome.Function}: {step.Decision?.Decision ?? "(no decision recorded)"}";
            switch (step.Event.Message)
            {
                case SipRequestReceived m:
                    var source = Participant(m.Source, ports, m.Role);
                    requesters[step.Event.Correlation] = source;
                    if (!CoreOrder.Contains(source))
                    {
                        arrows.Add(new LadderArrow(source, role, MessageText.Sip(m.Message), step.Number, MessageText.Full(m)));
                    }

                    break;
                case SipResponseReceived m when nextHops.TryGetValue(step.Event.Correlation, out var hop) && !CoreOrder.Contains(hop):
                    arrows.Add(new LadderArrow(hop, role, MessageText.Sip(m.Message), step.Number, MessageText.Full(m)));
                    break;
            }

            foreach (var command in step.Commands)
            {
                switch (command.Message)
                {
                    case ForwardSipRequest m:
                        var to = Participant(m.NextHop, ports, role == "P-CSCF" ? ImsRole.Pcscf : ImsRole.ApplicationServer);
                        nextHops[command.Correlation] = to;
                        arrows.Add(new LadderArrow(role, to, MessageText.Sip(m.Message), step.Number, MessageText.Full(m)));
                        break;
                    case SendSipRequest m:
                        // A request the core originates itself (a BYE ending a call whose credit or bearer is gone).
                        arrows.Add(new LadderArrow(role, Participant(m.NextHop, ports, ImsRole.Pcscf), MessageText.Sip(m.Message), step.Number, MessageText.Full(m)));
                        break;
                    case SendSipResponse m:
                        arrows.Add(new LadderArrow(role, requesters.GetValueOrDefault(command.Correlation, "UE"), MessageText.Sip(m.Message), step.Number, MessageText.Full(m)));
                        break;
                    case SendDiameterRequest m:
                        arrows.Add(new LadderArrow(role, DiameterServer(role, m.Message), MessageText.Diameter(m.Message), step.Number, MessageText.Full(m)));
                        break;
                    case SendDiameterAnswer m:
                        arrows.Add(new LadderArrow(role, DiameterPeer(m.PeerId), MessageText.Diameter(m.Message), step.Number, MessageText.Full(m)));
                        break;
                }
            }
        }

        var present = arrows.SelectMany(a => new[] { a.From, a.To }).Distinct(StringComparer.Ordinal).ToList();
        var participants = present.Where(p => p.StartsWith("UE", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Concat(CoreOrder.Where(present.Contains))
            .Concat(present.Where(p => !p.StartsWith("UE", StringComparison.Ordinal) && !CoreOrder.Contains(p)).Order(StringComparer.Ordinal))
            .ToList();
        return new LadderDiagram(participants, arrows, decisions);
    }

    private static string RoleOf(string function, BusMessage message) => function switch
    {
        "pcscf" => "P-CSCF",
        "icscf" => "I-CSCF",
        "scscf" => "S-CSCF",
        "hss.cx" => "HSS",
        _ => message switch
        {
            SipRequestReceived m => Name(m.Role),
            SipResponseReceived m => Name(m.Role),
            DiameterRequestReceived m => Name(m.Role),
            _ => function,
        },
    };

    private static string Name(ImsRole role) => role switch
    {
        ImsRole.Pcscf => "P-CSCF",
        ImsRole.Icscf => "I-CSCF",
        ImsRole.Scscf => "S-CSCF",
        ImsRole.Hss => "HSS",
        ImsRole.ApplicationServer => "AS",
        _ => role.ToString().ToUpperInvariant(),
    };

    /// <summary>Who a request goes to, by its application: Cx to the HSS, Ro to the OCS, Rx to the PCRF (or, from the PCRF, to the P-CSCF).</summary>
    private static string DiameterServer(string sender, byte[] request) =>
        (request.Length >= Ims.Diameter.Messages.DiameterHeader.Size ? Ims.Diameter.Codec.DiameterDecoder.ReadHeader(request).ApplicationId : DiameterApplicationId.Cx.Value) switch
        {
            var app when app == DiameterApplicationId.CreditControl.Value => "OCS",
            var app when app == DiameterApplicationId.Rx.Value => sender == "PCRF" ? "P-CSCF" : "PCRF",
            _ => "HSS",
        };

    private static string DiameterPeer(string peerId) =>
        peerId.StartsWith("icscf", StringComparison.OrdinalIgnoreCase) ? "I-CSCF"
        : peerId.StartsWith("scscf", StringComparison.OrdinalIgnoreCase) ? "S-CSCF"
        : peerId;

    /// <summary>A core role when the address is one of the roles' URIs or ports; otherwise a UE (towards a P-CSCF) or an AS, by port.</summary>
    private static string Participant(string address, IReadOnlyDictionary<int, string> ports, ImsRole side)
    {
        var text = address.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) ? address[4..] : address;
        foreach (var (prefix, name) in new[] { ("pcscf.", "P-CSCF"), ("icscf.", "I-CSCF"), ("scscf.", "S-CSCF") })
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        var port = Port(text);
        if (port is { } p && ports.TryGetValue(p, out var role))
        {
            return role;
        }

        var who = side is ImsRole.Pcscf ? "UE" : "AS";
        return port is null ? $"{who} {text}" : $"{who} :{port.Value.ToString(CultureInfo.InvariantCulture)}";
    }

    private static int? Port(string text)
    {
        var end = text.IndexOfAny([';', '>', '?']);
        var hostPort = end < 0 ? text : text[..end];
        var colon = hostPort.LastIndexOf(':');
        return colon >= 0 && int.TryParse(hostPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private static Dictionary<int, string> RolePorts(ImsFunctionSettings? settings)
    {
        var ports = new Dictionary<int, string>();
        if (settings?.Cscf is { } cscf)
        {
            foreach (var (uri, name) in new[] { (cscf.PcscfUri, "P-CSCF"), (cscf.IcscfUri, "I-CSCF"), (cscf.ScscfUri, "S-CSCF") })
            {
                if (Port(uri.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) ? uri[4..] : uri) is { } port)
                {
                    ports[port] = name;
                }
            }
        }

        return ports;
    }
}
