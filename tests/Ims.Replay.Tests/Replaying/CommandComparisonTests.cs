using Ims.Events;
using Ims.Replay.Replaying;
using Ims.Replay.Tests.Support;

namespace Ims.Replay.Tests.Replaying;

/// <summary>How replay says that today's commands differ from the recorded ones.</summary>
[TestClass]
public sealed class CommandComparisonTests
{
    private static readonly BusEnvelope Forward = Command("c1", new ForwardSipRequest("tx1", RecordedFlows.Invite("call-1"), "sip:orig@127.0.0.1:6060;lr"));

    [TestMethod]
    public void TheSameCommandsHaveNoDifference()
    {
        var again = Command("c1", new ForwardSipRequest("tx1", RecordedFlows.Invite("call-1"), "sip:orig@127.0.0.1:6060;lr"));

        Assert.IsEmpty(CommandComparison.Differences([Forward], [again]));
    }

    [TestMethod]
    public void AChangedHeaderIsNamedByItsLineWithBothTexts()
    {
        var today = Command("c1", new ForwardSipRequest("tx1", RecordedFlows.Invite("call-1", "P-Asserted-Identity: <sip:carol@example.net>\r\n"), "sip:orig@127.0.0.1:6060;lr"));

        var differences = CommandComparison.Differences([Forward], [today]);

        Assert.HasCount(1, differences);
        StringAssert.StartsWith(differences[0], "command 1 (");
        StringAssert.Contains(differences[0], "recorded \"Content-Length: 0\", today \"P-Asserted-Identity: <sip:carol@example.net>\"");
    }

    [TestMethod]
    public void ACommandOnlyOneRunSentIsNamedWithItsKind()
    {
        var refusal = Command("c2", new SendSipResponse("tx1", "SIP/2.0 403 Forbidden\r\nCall-ID: call-1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"u8.ToArray()));

        var extra = CommandComparison.Differences([Forward], [Forward, refusal]);
        var missing = CommandComparison.Differences([Forward, refusal], [Forward]);

        Assert.HasCount(1, extra);
        StringAssert.StartsWith(extra[0], "command 2: recorded none, today " + refusal.Type);
        Assert.HasCount(1, missing);
        StringAssert.StartsWith(missing[0], "command 2: recorded " + refusal.Type);
        StringAssert.EndsWith(missing[0], "today none");
    }

    [TestMethod]
    public void ADifferentNextStepIsNamedByTheContinuation()
    {
        var recorded = Forward with { Continuation = new Continuation("scscf", "relay", "{}") };
        var today = Forward with { Continuation = new Continuation("scscf", "isc", "{}") };

        var differences = CommandComparison.Differences([recorded], [today]);

        Assert.HasCount(1, differences);
        StringAssert.Contains(differences[0], "recorded continuation");
        StringAssert.Contains(differences[0], "isc");
    }

    private static BusEnvelope Command(string id, BusMessage message) => RecordedFlows.Envelope(id, message, "tx1");
}
