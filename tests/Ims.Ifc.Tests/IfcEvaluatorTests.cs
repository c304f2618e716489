using Ims.Ifc.Evaluation;
using Ims.Ifc.Subscription;
using Ims.Tests.Shared;

namespace Ims.Ifc.Tests;

[TestClass]
public sealed class IfcEvaluatorTests
{
    private const string Tas = "sip:tas.ims.mnc001.mcc001.3gppnetwork.org:7060;lr";
    private const string Voicemail = "sip:vm.ims.mnc001.mcc001.3gppnetwork.org:7070;lr";

    private static ServiceProfile Alice()
    {
        var result = ImsSubscriptionXml.Read(File.ReadAllText(TestPaths.TestData("ifc", "subscription-alice.xml")));
        return result.Subscription!.ServiceProfiles.Single();
    }

    private static ServiceProfile Profile(params InitialFilterCriteria[] criteria) =>
        new([new PublicIdentity("sip:alice@example.net")], criteria);

    private static InitialFilterCriteria Criterion(int priority, bool cnf, params ServicePointTrigger[] spts) =>
        new(priority, new TriggerPoint(cnf, spts), new ApplicationServer($"sip:as{priority}@example.net"));

    private static string[] Servers(IReadOnlyList<IfcMatch> matches) => matches.Select(m => m.Criterion.ApplicationServer.ServerName).ToArray();

    [TestMethod]
    public void AliceOriginatingAudioInviteInvokesTheTas()
    {
        var invite = new TestRequest("INVITE", "sip:bob@example.net", [("Accept-Contact", "*;+g.3gpp.icsi-ref=\"mmtel\"")]);

        var matches = new IfcEvaluator().Evaluate(Alice(), invite, SessionCase.Originating);

        CollectionAssert.AreEqual(new[] { Tas }, Servers(matches));
        StringAssert.Contains(matches[0].Explanation, "CNF (Method INVITE:T) AND (SessionCase 0:T) AND (NOT SIPHeader Accept-Contact ~ .*video.*:T) = true");
    }

    [TestMethod]
    public void AliceOriginatingVideoInviteInvokesNothingBecauseTheHeaderConditionIsNegated()
    {
        var invite = new TestRequest("INVITE", "sip:bob@example.net", [("Accept-Contact", "*;video")]);

        Assert.IsEmpty(new IfcEvaluator().Evaluate(Alice(), invite, SessionCase.Originating));
    }

    [TestMethod]
    [DataRow("MESSAGE", SessionCase.Originating)]
    [DataRow("INVITE", SessionCase.TerminatingRegistered)]
    public void AliceCnfCriterionNeedsEveryGroup(string method, SessionCase sessionCase)
    {
        var request = new TestRequest(method, "sip:bob@example.net");

        Assert.IsEmpty(new IfcEvaluator().Evaluate(Alice(), request, sessionCase));
    }

    [TestMethod]
    public void AliceDnfCriterionMatchesOnEitherGroup()
    {
        var evaluator = new IfcEvaluator();

        // Group 1 alone: terminating unregistered.
        var unregistered = evaluator.Evaluate(Alice(), new TestRequest("INVITE", "sip:alice@x"), SessionCase.TerminatingUnregistered);
        // Group 0 alone: the voicemail Request-URI, while registered (ProfilePartIndicator is absent on that iFC).
        var voicemail = evaluator.Evaluate(Alice(), new TestRequest("MESSAGE", "sip:voicemail@ims.example"), SessionCase.TerminatingRegistered);

        CollectionAssert.AreEqual(new[] { Voicemail }, Servers(unregistered));
        CollectionAssert.AreEqual(new[] { Voicemail }, Servers(voicemail));
        StringAssert.Contains(voicemail[0].Explanation, "DNF (RequestURI ~ sip:voicemail@.*:T) OR (SessionCase 2:F) = true");
    }

    [TestMethod]
    public void ProfilePartIndicatorRegisteredSkipsUnregisteredCases()
    {
        var profile = Profile(Criterion(1, true, new MethodTrigger(false, [0], "INVITE")) with { ProfilePartIndicator = ProfilePartIndicator.Registered });

        var registered = new IfcEvaluator().Evaluate(profile, new TestRequest("INVITE", "sip:b@x"), SessionCase.Originating);
        var unregistered = new IfcEvaluator().Evaluate(profile, new TestRequest("INVITE", "sip:b@x"), SessionCase.OriginatingUnregistered);

        Assert.HasCount(1, registered);
        Assert.IsEmpty(unregistered);
    }

    [TestMethod]
    public void CriteriaAreReturnedInPriorityOrderAndContinueAfterTheReturningAs()
    {
        var always = new MethodTrigger(false, [0], "INVITE");
        var profile = Profile(Criterion(30, true, always), Criterion(10, true, always), Criterion(20, true, always));
        var invite = new TestRequest("INVITE", "sip:b@x");
        var evaluator = new IfcEvaluator();

        CollectionAssert.AreEqual(new[] { "sip:as10@example.net", "sip:as20@example.net", "sip:as30@example.net" },
            Servers(evaluator.Evaluate(profile, invite, SessionCase.Originating)));
        Assert.AreEqual("sip:as20@example.net", evaluator.Next(profile, invite, SessionCase.Originating, afterPriority: 10)!.Criterion.ApplicationServer.ServerName);
        Assert.IsNull(evaluator.Next(profile, invite, SessionCase.Originating, afterPriority: 30));
    }

    [TestMethod]
    [DataRow("INVITE", true)]
    [DataRow("invite", false)]
    [DataRow("BYE", false)]
    public void MethodTriggerIsCaseSensitive(string method, bool expected)
    {
        var profile = Profile(Criterion(1, true, new MethodTrigger(false, [0], "INVITE")));

        Assert.AreEqual(expected, new IfcEvaluator().Evaluate(profile, new TestRequest(method, "sip:b@x"), SessionCase.Originating).Count == 1);
    }

    [TestMethod]
    [DataRow(RegistrationType.InitialRegistration, true)]
    [DataRow(RegistrationType.ReRegistration, false)]
    [DataRow(RegistrationType.DeRegistration, true)]
    public void RegisterTriggerHonoursRegistrationType(RegistrationType type, bool expected)
    {
        var trigger = new MethodTrigger(false, [0], "REGISTER", [RegistrationType.InitialRegistration, RegistrationType.DeRegistration]);
        var profile = Profile(Criterion(1, true, trigger));
        var register = new TestRequest("REGISTER", "sip:ims.example", RegistrationType: type);

        Assert.AreEqual(expected, new IfcEvaluator().Evaluate(profile, register, SessionCase.Originating).Count == 1);
    }

    [TestMethod]
    [DataRow(@"sip:\+1555.*@", "sip:+15550100@ims.example", true)]
    [DataRow("^tel:", "sip:+15550100@ims.example", false)]
    [DataRow("[unclosed", "sip:[unclosed@x", false)]
    public void RequestUriTriggerSearchesWithARegularExpression(string pattern, string uri, bool expected)
    {
        var profile = Profile(Criterion(1, true, new RequestUriTrigger(false, [0], pattern)));

        Assert.AreEqual(expected, new IfcEvaluator().Evaluate(profile, new TestRequest("INVITE", uri), SessionCase.Originating).Count == 1);
    }

    [TestMethod]
    public void SipHeaderTriggerWithoutContentTestsPresenceAndNegationTestsAbsence()
    {
        var present = Profile(Criterion(1, true, new SipHeaderTrigger(false, [0], "Server", null)));
        var absent = Profile(Criterion(1, true, new SipHeaderTrigger(true, [0], "Server", null)));
        var withServer = new TestRequest("INVITE", "sip:b@x", [("server", "X/1")]);
        var without = new TestRequest("INVITE", "sip:b@x");
        var evaluator = new IfcEvaluator();

        Assert.HasCount(1, evaluator.Evaluate(present, withServer, SessionCase.Originating));
        Assert.IsEmpty(evaluator.Evaluate(present, without, SessionCase.Originating));
        Assert.IsEmpty(evaluator.Evaluate(absent, withServer, SessionCase.Originating));
        Assert.HasCount(1, evaluator.Evaluate(absent, without, SessionCase.Originating));
    }

    [TestMethod]
    public void SipHeaderTriggerMatchesAnyInstanceOfTheHeader()
    {
        var profile = Profile(Criterion(1, true, new SipHeaderTrigger(false, [0], "Recv-Info", "\"g.3gpp.ussd\"")));
        var request = new TestRequest("INVITE", "sip:b@x", [("Recv-Info", "foo"), ("Recv-Info", "\"g.3gpp.ussd\"")]);

        Assert.HasCount(1, new IfcEvaluator().Evaluate(profile, request, SessionCase.Originating));
    }

    [TestMethod]
    [DataRow("m", "audio.*", true)]
    [DataRow("m", "video.*", false)]
    [DataRow("b", null, false)]
    [DataRow("c", null, true)]
    public void SessionDescriptionTriggerMatchesLineTypeAndContent(string line, string? content, bool expected)
    {
        var profile = Profile(Criterion(1, true, new SessionDescriptionTrigger(false, [0], line, content)));
        var request = new TestRequest("INVITE", "sip:b@x", Sdp: [("v", "0"), ("c", "IN IP4 127.0.0.1"), ("m", "audio 6000 RTP/AVP 0")]);

        Assert.AreEqual(expected, new IfcEvaluator().Evaluate(profile, request, SessionCase.Originating).Count == 1);
    }

    [TestMethod]
    [DataRow(SessionCase.Originating, false)]
    [DataRow(SessionCase.OriginatingCdiv, true)]
    public void SessionCaseTriggerComparesTheCase(SessionCase sessionCase, bool expected)
    {
        var profile = Profile(Criterion(1, true, new SessionCaseTrigger(false, [0], SessionCase.OriginatingCdiv)));

        Assert.AreEqual(expected, new IfcEvaluator().Evaluate(profile, new TestRequest("INVITE", "sip:b@x"), sessionCase).Count == 1);
    }

    [TestMethod]
    [DataRow(true, "INVITE", "sip:a@x", false)] // CNF: (INVITE or MESSAGE) and (R-URI sip:b): second group fails.
    [DataRow(true, "MESSAGE", "sip:b@x", true)]
    [DataRow(false, "INVITE", "sip:a@x", false)] // DNF: (INVITE and R-URI b) or (MESSAGE): neither group.
    [DataRow(false, "MESSAGE", "sip:a@x", true)]
    public void ConjunctiveAndDisjunctiveFormsCombineGroupsOppositely(bool cnf, string method, string uri, bool expected)
    {
        ServicePointTrigger[] spts = cnf
            ? [new MethodTrigger(false, [0], "INVITE"), new MethodTrigger(false, [0], "MESSAGE"), new RequestUriTrigger(false, [1], "sip:b@")]
            : [new MethodTrigger(false, [0], "INVITE"), new RequestUriTrigger(false, [0], "sip:b@"), new MethodTrigger(false, [1], "MESSAGE")];
        var profile = Profile(Criterion(1, cnf, spts));

        Assert.AreEqual(expected, new IfcEvaluator().Evaluate(profile, new TestRequest(method, uri), SessionCase.Originating).Count == 1);
    }

    [TestMethod]
    public void AnSptInTwoGroupsCountsInBoth()
    {
        // CNF: group 0 = {INVITE}, group 1 = {INVITE, R-URI sip:b}; an INVITE to anyone satisfies both.
        var profile = Profile(Criterion(1, true, new MethodTrigger(false, [0, 1], "INVITE"), new RequestUriTrigger(false, [1], "sip:b@")));

        Assert.HasCount(1, new IfcEvaluator().Evaluate(profile, new TestRequest("INVITE", "sip:z@x"), SessionCase.Originating));
        Assert.IsEmpty(new IfcEvaluator().Evaluate(profile, new TestRequest("MESSAGE", "sip:b@x"), SessionCase.Originating));
    }

    [TestMethod]
    public void CriterionWithoutTriggerPointIsUnconditional()
    {
        var profile = Profile(new InitialFilterCriteria(1, null, new ApplicationServer("sip:as@x")));

        var matches = new IfcEvaluator().Evaluate(profile, new TestRequest("OPTIONS", "sip:b@x"), SessionCase.TerminatingRegistered);

        Assert.HasCount(1, matches);
        StringAssert.Contains(matches[0].Explanation, "unconditional");
    }
}
