using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Ims.Ifc.Subscription;
using Ims.Tests.Shared;

namespace Ims.Ifc.Tests;

[TestClass]
public sealed class ImsSubscriptionXmlTests
{
    private static ImsSubscription ReadVector(string file)
    {
        var result = ImsSubscriptionXml.Read(File.ReadAllText(TestPaths.TestData("ifc", file)));
        Assert.IsTrue(result.IsValid, result.Error);
        return result.Subscription!;
    }

    [TestMethod]
    public void ReadsAliceSubscriptionWithBothIdentitiesAndCriteria()
    {
        var subscription = ReadVector("subscription-alice.xml");

        Assert.AreEqual("alice@ims.mnc001.mcc001.3gppnetwork.org", subscription.PrivateId);
        var profile = subscription.ServiceProfiles.Single();
        CollectionAssert.AreEqual(
            new[] { "sip:alice@ims.mnc001.mcc001.3gppnetwork.org", "tel:+15550100" },
            profile.PublicIdentities.Select(i => i.Identity).ToArray());
        Assert.IsFalse(profile.PublicIdentities[0].Barred);
        Assert.HasCount(2, profile.InitialFilterCriteria);

        var originating = profile.InitialFilterCriteria[0];
        Assert.AreEqual(0, originating.Priority);
        Assert.IsTrue(originating.TriggerPoint!.ConditionTypeCnf);
        Assert.AreEqual("sip:tas.ims.mnc001.mcc001.3gppnetwork.org:7060;lr", originating.ApplicationServer.ServerName);
        Assert.AreEqual(DefaultHandling.SessionContinued, originating.ApplicationServer.DefaultHandling);
        Assert.AreEqual(ProfilePartIndicator.Registered, originating.ProfilePartIndicator);
        var spts = originating.TriggerPoint.ServicePointTriggers;
        Assert.AreEqual(new MethodTrigger(false, spts[0].Groups, "INVITE"), spts[0]);
        CollectionAssert.AreEqual(new[] { 0 }, spts[0].Groups.ToArray());
        Assert.AreEqual(SessionCase.Originating, ((SessionCaseTrigger)spts[1]).SessionCase);
        var header = (SipHeaderTrigger)spts[2];
        Assert.IsTrue(header.ConditionNegated);
        Assert.AreEqual("Accept-Contact", header.Header);
        Assert.AreEqual(".*video.*", header.Content);
        CollectionAssert.AreEqual(new[] { 2 }, header.Groups.ToArray());

        var terminating = profile.InitialFilterCriteria[1];
        Assert.AreEqual(10, terminating.Priority);
        Assert.IsFalse(terminating.TriggerPoint!.ConditionTypeCnf);
        Assert.AreEqual("sip:voicemail@.*", ((RequestUriTrigger)terminating.TriggerPoint.ServicePointTriggers[0]).RequestUri);
        Assert.AreEqual(SessionCase.TerminatingUnregistered, ((SessionCaseTrigger)terminating.TriggerPoint.ServicePointTriggers[1]).SessionCase);
        Assert.AreEqual(DefaultHandling.SessionTerminated, terminating.ApplicationServer.DefaultHandling);
        Assert.IsNull(terminating.ProfilePartIndicator);
    }

    [TestMethod]
    public void ReadsPyHssDefaultSubscriptionQuirks()
    {
        var subscription = ReadVector("pyhss-default-ifc.xml");

        Assert.AreEqual("001010000000001@ims.mnc001.mcc001.3gppnetwork.org", subscription.PrivateId);
        var profile = subscription.ServiceProfiles.Single();
        CollectionAssert.AreEqual(
            new[]
            {
                "sip:1000000001@ims.mnc001.mcc001.3gppnetwork.org",
                "tel:1000000001",
                "sip:001010000000001@ims.mnc001.mcc001.3gppnetwork.org",
            },
            profile.PublicIdentities.Select(i => i.Identity).ToArray());
        Assert.AreEqual("1", profile.PublicIdentities[0].AliasIdentityGroupId);
        Assert.IsNull(profile.PublicIdentities[2].AliasIdentityGroupId);

        var register = profile.InitialFilterCriteria.Where(c =>
            c.TriggerPoint!.ServicePointTriggers.OfType<MethodTrigger>().Any(m => m.Method == "REGISTER")).ToList();
        Assert.HasCount(2, register);
        Assert.IsTrue(register.All(c => c.ApplicationServer.IncludeRegisterRequest && c.ApplicationServer.IncludeRegisterResponse));

        var negatedPresence = profile.InitialFilterCriteria
            .SelectMany(c => c.TriggerPoint!.ServicePointTriggers)
            .OfType<SipHeaderTrigger>()
            .Single(h => h.Header == "Server");
        Assert.IsTrue(negatedPresence.ConditionNegated);
        Assert.IsNull(negatedPresence.Content);

        var recvInfo = profile.InitialFilterCriteria
            .SelectMany(c => c.TriggerPoint!.ServicePointTriggers)
            .OfType<SipHeaderTrigger>()
            .Single(h => h.Header == "Recv-Info");
        Assert.AreEqual("\"g.3gpp.ussd\"", recvInfo.Content);
    }

    [TestMethod]
    [DataRow("subscription-alice.xml")]
    [DataRow("pyhss-default-ifc.xml")]
    public void WrittenSubscriptionReadsBackToTheSameModelAndText(string file)
    {
        var first = ReadVector(file);
        var written = ImsSubscriptionXml.Write(first);
        var second = ImsSubscriptionXml.Read(written);

        Assert.IsTrue(second.IsValid, second.Error);
        Assert.AreEqual(written, ImsSubscriptionXml.Write(second.Subscription!));
        Assert.AreEqual(first.PrivateId, second.Subscription!.PrivateId);
        Assert.AreEqual(
            first.ServiceProfiles.Sum(p => p.InitialFilterCriteria.Sum(c => c.TriggerPoint?.ServicePointTriggers.Count ?? 0)),
            second.Subscription.ServiceProfiles.Sum(p => p.InitialFilterCriteria.Sum(c => c.TriggerPoint?.ServicePointTriggers.Count ?? 0)));
    }

    [TestMethod]
    [DataRow("subscription-alice.xml", "CxDataType_Rel7.xsd")]
    [DataRow("pyhss-default-ifc.xml", "CxDataType_Rel7.xsd")]
    [DataRow("subscription-alice.xml", "CxDataType_Rel8.xsd")]
    public void WrittenSubscriptionIsValidAgainstTheCxSchema(string file, string schema)
    {
        var written = ImsSubscriptionXml.Write(ReadVector(file));
        var schemas = new XmlSchemaSet();
        using (var reader = XmlReader.Create(TestPaths.TestData("ifc", schema)))
        {
            schemas.Add(null, reader);
        }

        var errors = new List<string>();
        XDocument.Parse(written).Validate(schemas, (_, e) => errors.Add(e.Message));

        Assert.IsEmpty(errors, string.Join("; ", errors));
    }

    [TestMethod]
    [DataRow("<IMSSubscription><PrivateID>a@b</PrivateID>", "not well-formed")]
    [DataRow("<Other/>", "root element is not IMSSubscription")]
    [DataRow("<IMSSubscription><PrivateID>a@b</PrivateID></IMSSubscription>", "no ServiceProfile")]
    [DataRow("<IMSSubscription><ServiceProfile/></IMSSubscription>", "no PrivateID")]
    [DataRow("<IMSSubscription><PrivateID>a@b</PrivateID><ServiceProfile></ServiceProfile></IMSSubscription>", "no PublicIdentity")]
    [DataRow("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><IMSSubscription/>", "not well-formed")]
    public void RefusesBrokenSubscriptionWithAReason(string xml, string reason)
    {
        var result = ImsSubscriptionXml.Read(xml);

        Assert.IsFalse(result.IsValid);
        Assert.Contains(reason, result.Error!);
    }

    [TestMethod]
    [DataRow("<SPT><ConditionNegated>0</ConditionNegated><Method>INVITE</Method></SPT>", "SPT has no Group")]
    [DataRow("<SPT><Group>0</Group><SessionCase>7</SessionCase></SPT>", "SessionCase 7 is outside 0..4")]
    [DataRow("<SPT><Group>x</Group><Method>INVITE</Method></SPT>", "Group is not an integer")]
    [DataRow("<SPT><Group>0</Group></SPT>", "SPT has none of")]
    public void RefusesBrokenServicePointTriggerWithAReason(string spt, string reason)
    {
        var xml = "<InitialFilterCriteria><Priority>1</Priority><TriggerPoint><ConditionTypeCNF>0</ConditionTypeCNF>"
            + spt + "</TriggerPoint><ApplicationServer><ServerName>sip:as@x</ServerName></ApplicationServer></InitialFilterCriteria>";

        var (criteria, error) = ImsSubscriptionXml.ReadCriteria(xml);

        Assert.IsNull(criteria);
        Assert.Contains(reason, error!);
    }

    [TestMethod]
    public void ReadsABareListOfCriteria()
    {
        var xml = """
            <InitialFilterCriteria><Priority>5</Priority>
              <TriggerPoint><ConditionTypeCNF>1</ConditionTypeCNF>
                <SPT><ConditionNegated>0</ConditionNegated><Group>0</Group><SessionDescription><Line>m</Line><Content>audio.*</Content></SessionDescription></SPT>
              </TriggerPoint>
              <ApplicationServer><ServerName>sip:as1@x</ServerName><DefaultHandling>1</DefaultHandling></ApplicationServer>
            </InitialFilterCriteria>
            <InitialFilterCriteria><Priority>1</Priority>
              <ApplicationServer><ServerName>sip:as2@x</ServerName></ApplicationServer>
            </InitialFilterCriteria>
            """;

        var (criteria, error) = ImsSubscriptionXml.ReadCriteria(xml);

        Assert.IsNull(error);
        Assert.HasCount(2, criteria!);
        var sdp = (SessionDescriptionTrigger)criteria![0].TriggerPoint!.ServicePointTriggers.Single();
        Assert.AreEqual("m", sdp.Line);
        Assert.AreEqual("audio.*", sdp.Content);
        Assert.AreEqual(DefaultHandling.SessionTerminated, criteria[0].ApplicationServer.DefaultHandling);
        Assert.IsNull(criteria[1].TriggerPoint);
        var profile = new ServiceProfile([new PublicIdentity("sip:a@x")], criteria);
        CollectionAssert.AreEqual(new[] { 1, 5 }, profile.InPriorityOrder().Select(c => c.Priority).ToArray());
    }
}
