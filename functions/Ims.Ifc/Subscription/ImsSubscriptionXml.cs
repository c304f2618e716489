using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Ims.Ifc.Subscription;

/// <summary>
/// Reads and writes the IMS subscription XML of TS 29.228 Annex E (tIMSSubscription), the
/// User-Data of SAA and PPR. Reading never throws: malformed or schema-breaking XML yields a reason.
/// </summary>
public static class ImsSubscriptionXml
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        // The document comes from a peer: no DTDs, no external entities.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        MaxCharactersInDocument = 1 << 20,
    };

    public static SubscriptionReadResult Read(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            return SubscriptionReadResult.Fail($"not well-formed XML: {ex.Message}");
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "IMSSubscription")
        {
            return SubscriptionReadResult.Fail("root element is not IMSSubscription");
        }

        try
        {
            return SubscriptionReadResult.Ok(ReadSubscription(root));
        }
        catch (FormatException ex)
        {
            return SubscriptionReadResult.Fail(ex.Message);
        }
    }

    /// <summary>Reads a bare list of InitialFilterCriteria elements (the form `ims subscriber add --ifc` accepts) or a whole subscription.</summary>
    public static (IReadOnlyList<InitialFilterCriteria>? Criteria, string? Error) ReadCriteria(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XElement root;
        try
        {
            // Wrap so that a fragment of several InitialFilterCriteria elements is one document.
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                ConformanceLevel = ConformanceLevel.Fragment,
                MaxCharactersInDocument = 1 << 20,
            });
            root = new XElement("Fragment");
            reader.MoveToContent();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    root.Add(XNode.ReadFrom(reader));
                }
                else if (!reader.Read())
                {
                    break;
                }
            }
        }
        catch (XmlException ex)
        {
            return (null, $"not well-formed XML: {ex.Message}");
        }

        try
        {
            var criteria = root.Descendants()
                .Where(e => e.Name.LocalName == "InitialFilterCriteria")
                .Select(ReadCriterion)
                .ToList();
            return criteria.Count == 0 ? (null, "no InitialFilterCriteria element found") : (criteria, null);
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }
    }

    public static string Write(ImsSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var root = new XElement("IMSSubscription",
            new XElement("PrivateID", subscription.PrivateId),
            subscription.ServiceProfiles.Select(WriteProfile));
        return new XDeclaration("1.0", "UTF-8", null) + "\n" + root.ToString(SaveOptions.None);
    }

    public static XElement WriteCriterion(InitialFilterCriteria criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        var element = new XElement("InitialFilterCriteria", new XElement("Priority", Int(criterion.Priority)));
        if (criterion.TriggerPoint is { } tp)
        {
            element.Add(new XElement("TriggerPoint",
                new XElement("ConditionTypeCNF", tp.ConditionTypeCnf ? "1" : "0"),
                tp.ServicePointTriggers.Select(WriteTrigger)));
        }

        var server = criterion.ApplicationServer;
        var asElement = new XElement("ApplicationServer",
            new XElement("ServerName", server.ServerName),
            new XElement("DefaultHandling", Int((int)server.DefaultHandling)));
        if (server.ServiceInfo is not null)
        {
            asElement.Add(new XElement("ServiceInfo", server.ServiceInfo));
        }

        if (server.IncludeRegisterRequest || server.IncludeRegisterResponse)
        {
            asElement.Add(new XElement("Extension",
                server.IncludeRegisterRequest ? new XElement("IncludeRegisterRequest") : null,
                server.IncludeRegisterResponse ? new XElement("IncludeRegisterResponse") : null));
        }

        element.Add(asElement);
        if (criterion.ProfilePartIndicator is { } ppi)
        {
            element.Add(new XElement("ProfilePartIndicator", Int((int)ppi)));
        }

        return element;
    }

    private static ImsSubscription ReadSubscription(XElement root)
    {
        var privateId = Required(root, "PrivateID");
        var profiles = Children(root, "ServiceProfile").Select(ReadProfile).ToList();
        if (profiles.Count == 0)
        {
            throw new FormatException("IMSSubscription has no ServiceProfile");
        }

        return new ImsSubscription(privateId, profiles);
    }

    private static ServiceProfile ReadProfile(XElement profile)
    {
        var identities = Children(profile, "PublicIdentity").Select(ReadIdentity).ToList();
        if (identities.Count == 0)
        {
            throw new FormatException("ServiceProfile has no PublicIdentity");
        }

        var criteria = Children(profile, "InitialFilterCriteria").Select(ReadCriterion).ToList();
        int? mediaProfile = Child(profile, "CoreNetworkServicesAuthorization") is { } cnsa
            && Child(cnsa, "SubscribedMediaProfileId") is { } smp ? ParseInt(smp) : null;
        return new ServiceProfile(identities, criteria, mediaProfile);
    }

    private static PublicIdentity ReadIdentity(XElement identity)
    {
        var extension = Child(identity, "Extension");
        var inner = extension is null ? null : Child(extension, "Extension");
        return new PublicIdentity(
            Required(identity, "Identity"),
            Barred: Child(identity, "BarringIndication") is { } b && ParseBool(b),
            IdentityType: extension is not null && Child(extension, "IdentityType") is { } t
                ? (PublicIdentityType)ParseInt(t) : PublicIdentityType.PublicUserIdentity,
            WildcardedPsi: extension is null ? null : Child(extension, "WildcardedPSI")?.Value.Trim(),
            DisplayName: inner is null ? null : Child(inner, "DisplayName")?.Value,
            AliasIdentityGroupId: inner is null ? null : Child(inner, "AliasIdentityGroupID")?.Value.Trim());
    }

    private static InitialFilterCriteria ReadCriterion(XElement criterion)
    {
        var priority = ParseInt(Child(criterion, "Priority") ?? throw new FormatException("InitialFilterCriteria has no Priority"));
        var trigger = Child(criterion, "TriggerPoint") is { } tp ? ReadTriggerPoint(tp) : null;
        var serverElement = Child(criterion, "ApplicationServer") ?? throw new FormatException("InitialFilterCriteria has no ApplicationServer");
        var extension = Child(serverElement, "Extension");
        var server = new ApplicationServer(
            Required(serverElement, "ServerName"),
            Child(serverElement, "DefaultHandling") is { } dh ? (DefaultHandling)ParseRange(dh, 0, 1) : DefaultHandling.SessionContinued,
            Child(serverElement, "ServiceInfo")?.Value,
            IncludeRegisterRequest: extension is not null && Child(extension, "IncludeRegisterRequest") is not null,
            IncludeRegisterResponse: extension is not null && Child(extension, "IncludeRegisterResponse") is not null);
        ProfilePartIndicator? ppi = Child(criterion, "ProfilePartIndicator") is { } p ? (ProfilePartIndicator)ParseRange(p, 0, 1) : null;
        return new InitialFilterCriteria(priority, trigger, server, ppi);
    }

    private static TriggerPoint ReadTriggerPoint(XElement tp)
    {
        var cnf = ParseBool(Child(tp, "ConditionTypeCNF") ?? throw new FormatException("TriggerPoint has no ConditionTypeCNF"));
        return new TriggerPoint(cnf, Children(tp, "SPT").Select(ReadTrigger).ToList());
    }

    private static ServicePointTrigger ReadTrigger(XElement spt)
    {
        var negated = Child(spt, "ConditionNegated") is { } n && ParseBool(n);
        var groups = Children(spt, "Group").Select(ParseInt).ToList();
        if (groups.Count == 0)
        {
            // TS 29.228 Table E.3 makes Group mandatory; a missing one would silently join group 0.
            throw new FormatException("SPT has no Group");
        }

        if (Child(spt, "RequestURI") is { } uri)
        {
            return new RequestUriTrigger(negated, groups, uri.Value.Trim());
        }

        if (Child(spt, "Method") is { } method)
        {
            var types = Child(spt, "Extension") is { } ext
                ? Children(ext, "RegistrationType").Select(t => (RegistrationType)ParseRange(t, 0, 2)).ToList()
                : null;
            return new MethodTrigger(negated, groups, method.Value.Trim(), types is { Count: > 0 } ? types : null);
        }

        if (Child(spt, "SIPHeader") is { } header)
        {
            return new SipHeaderTrigger(negated, groups, Required(header, "Header"), Child(header, "Content")?.Value);
        }

        if (Child(spt, "SessionCase") is { } sessionCase)
        {
            return new SessionCaseTrigger(negated, groups, (SessionCase)ParseRange(sessionCase, 0, 4));
        }

        if (Child(spt, "SessionDescription") is { } sdp)
        {
            return new SessionDescriptionTrigger(negated, groups, Required(sdp, "Line"), Child(sdp, "Content")?.Value);
        }

        throw new FormatException("SPT has none of RequestURI, Method, SIPHeader, SessionCase, SessionDescription");
    }

    private static XElement WriteProfile(ServiceProfile profile) =>
        new("ServiceProfile",
            profile.PublicIdentities.Select(WriteIdentity),
            profile.SubscribedMediaProfileId is { } smp
                ? new XElement("CoreNetworkServicesAuthorization", new XElement("SubscribedMediaProfileId", Int(smp)))
                : null,
            profile.InitialFilterCriteria.Select(WriteCriterion));

    private static XElement WriteIdentity(PublicIdentity identity)
    {
        var element = new XElement("PublicIdentity");
        if (identity.Barred)
        {
            element.Add(new XElement("BarringIndication", "1"));
        }

        element.Add(new XElement("Identity", identity.Identity));
        var inner = identity.DisplayName is null && identity.AliasIdentityGroupId is null
            ? null
            : new XElement("Extension",
                identity.DisplayName is null ? null : new XElement("DisplayName", identity.DisplayName),
                identity.AliasIdentityGroupId is null ? null : new XElement("AliasIdentityGroupID", identity.AliasIdentityGroupId));
        if (identity.IdentityType != PublicIdentityType.PublicUserIdentity || identity.WildcardedPsi is not null || inner is not null)
        {
            element.Add(new XElement("Extension",
                new XElement("IdentityType", Int((int)identity.IdentityType)),
                identity.WildcardedPsi is null ? null : new XElement("WildcardedPSI", identity.WildcardedPsi),
                inner));
        }

        return element;
    }

    private static XElement WriteTrigger(ServicePointTrigger trigger)
    {
        var element = new XElement("SPT",
            new XElement("ConditionNegated", trigger.ConditionNegated ? "1" : "0"),
            trigger.Groups.Select(g => new XElement("Group", Int(g))));
        element.Add(trigger switch
        {
            RequestUriTrigger r => new XElement("RequestURI", r.RequestUri),
            MethodTrigger m => new XElement("Method", m.Method),
            SipHeaderTrigger h => new XElement("SIPHeader", new XElement("Header", h.Header),
                h.Content is null ? null : new XElement("Content", h.Content)),
            SessionCaseTrigger s => new XElement("SessionCase", Int((int)s.SessionCase)),
            SessionDescriptionTrigger d => new XElement("SessionDescription", new XElement("Line", d.Line),
                d.Content is null ? null : new XElement("Content", d.Content)),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger.GetType().Name, "unknown SPT kind"),
        });
        if (trigger is MethodTrigger { RegistrationTypes: { Count: > 0 } types })
        {
            element.Add(new XElement("Extension", types.Select(t => new XElement("RegistrationType", Int((int)t)))));
        }

        return element;
    }

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static IEnumerable<XElement> Children(XElement parent, string name) => parent.Elements().Where(e => e.Name.LocalName == name);

    private static string Required(XElement parent, string name)
    {
        var value = Child(parent, name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? throw new FormatException($"{parent.Name.LocalName} has no {name}") : value;
    }

    private static int ParseInt(XElement element) =>
        int.TryParse(element.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{element.Name.LocalName} is not an integer: '{element.Value}'");

    private static int ParseRange(XElement element, int min, int max)
    {
        var value = ParseInt(element);
        return value >= min && value <= max ? value : throw new FormatException($"{element.Name.LocalName} {value} is outside {min}..{max}");
    }

    // xs:boolean allows 0/1/true/false; the schema's tBool is 0/1, and both forms occur in the field.
    private static bool ParseBool(XElement element) => element.Value.Trim() switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        var other => throw new FormatException($"{element.Name.LocalName} is not a boolean: '{other}'"),
    };

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
