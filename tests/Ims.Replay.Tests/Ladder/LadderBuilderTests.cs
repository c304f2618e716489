using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Values;
using Ims.EventLog;
using Ims.Events;
using Ims.Replay.Ladder;
using Ims.Replay.Recorded;
using Ims.Replay.Replaying;
using Ims.Replay.Tests.Support;

namespace Ims.Replay.Tests.Ladder;

/// <summary>Who the arrows of a call's ladder go between, now that a call meets the OCS and the PCRF too.</summary>
[TestClass]
public sealed class LadderBuilderTests
{
    [TestMethod]
    public void CreditControlGoesToTheOcsPolicyToThePcrfAndCxToTheHss()
    {
        var outcomes = new[]
        {
            Outcome(1, "scscf", new TimerFired("t", "{}"), new SendDiameterRequest(Request(DiameterCommands.CreditControlRo, DiameterApplicationId.CreditControl))),
            Outcome(2, "pcscf", new TimerFired("t", "{}"), new SendDiameterRequest(Request(DiameterCommands.AaRx, DiameterApplicationId.Rx))),
            Outcome(3, "icscf", new TimerFired("t", "{}"), new SendDiameterRequest(RecordedFlows.Cx(DiameterCommands.LocationInfo, "lir;1"))),
        };

        var ladder = LadderBuilder.Build(outcomes, null);

        CollectionAssert.AreEqual(
            new[] { "S-CSCF -> OCS CCR", "P-CSCF -> PCRF AAR", "I-CSCF -> HSS LIR" },
            ladder.Arrows.Select(a => $"{a.From} -> {a.To} {a.Label.Split(' ')[0]}").ToArray());
    }

    [TestMethod]
    public void AByeTheCoreSendsItselfIsDrawnFromItsRole()
    {
        var outcomes = new[]
        {
            Outcome(1, "scscf", new TimerFired("scscf-ro|call-1", "{}"), new SendSipRequest(ImsRole.Scscf, RecordedFlows.Bye("call-1"), "sip:alice@127.0.0.1:5070")),
        };

        var ladder = LadderBuilder.Build(outcomes, null);

        Assert.HasCount(1, ladder.Arrows);
        Assert.AreEqual("S-CSCF", ladder.Arrows[0].From);
        StringAssert.Contains(ladder.Arrows[0].To, ":5070");
        StringAssert.StartsWith(ladder.Arrows[0].Label, "BYE sip:alice@127.0.0.1:5070");
        StringAssert.Contains(ladder.Arrows[0].Message, "Call-ID: call-1");
    }

    private static StepOutcome Outcome(int number, string function, BusMessage trigger, BusMessage sent)
    {
        var command = RecordedFlows.Envelope("c" + number, sent, "tx" + number);
        var step = new RecordedStep(number, RecordedFlows.Envelope("e" + number, trigger, "tx" + number), false, new FunctionDecision("e" + number, RecordedFlows.At, function, "decided", [command.Id]), [command], "log@" + number);
        return new StepOutcome(step, StepVerdict.Same, function, "decided", [command], [], []);
    }

    private static byte[] Request(Ims.Diameter.Dictionary.CommandDefinition command, DiameterApplicationId application) =>
        DiameterEncoder.Encode(DiameterMessageBuilder.Request(command, 1, 1)
            .Add(Avps.SessionId, "s;" + command.Code)
            .Add(Avps.AuthApplicationId, application.Value)
            .Add(Avps.OriginHost, "cscf." + RecordedFlows.Domain)
            .Add(Avps.OriginRealm, RecordedFlows.Domain)
            .Add(Avps.DestinationRealm, RecordedFlows.Domain)
            .Build());
}
