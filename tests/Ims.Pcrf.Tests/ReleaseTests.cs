using Ims.Cscf.Policy;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions;
using Ims.Pcrf.Policies;
using Ims.Pcrf.Release;
using Ims.Storage;

namespace Ims.Pcrf.Tests;

/// <summary>The operator's release (policy.release.requested): ASR or RAR to the AF of each live session (TS 29.214 4.4.4, 4.4.6.1), and what the PCRF does with the answers.</summary>
[TestClass]
public sealed class ReleaseTests
{
    [TestMethod]
    public async Task ReleaseSendsAnAsrForEachLiveSessionOfTheSubscriberToItsAf()
    {
        using var pcrf = new PcrfStore();
        await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice));
        await pcrf.AskAsync(PcrfStore.Aar("s2", PcrfStore.Alice));
        await pcrf.AskAsync(PcrfStore.Aar("s3", PcrfStore.Bob));
        var release = PcrfStore.Envelope(new PolicyReleaseRequested(PcrfStore.Alice, PolicyRelease.AbortSession, RxAbortCause.InsufficientServerResources));

        Assert.IsTrue(pcrf.Release.Accepts(release));
        var outcome = await pcrf.Release.HandleAsync(release, CancellationToken.None);

        Assert.AreEqual(2, outcome.Commands.Count, outcome.Decision);
        var sessions = new List<string>();
        foreach (var command in outcome.Commands)
        {
            var asr = PcrfStore.Decode(((SendDiameterRequest)command.Message).Message);
            Assert.IsTrue(asr.IsRequest);
            Assert.AreEqual(274u, asr.CommandCode);
            Assert.AreEqual(DiameterApplicationId.Rx.Value, asr.ApplicationId);
            Assert.AreEqual(PcrfStore.Options.OriginHost, asr.OriginHost);
            Assert.AreEqual(PcrfStore.Domain, asr.OriginRealm);
            Assert.AreEqual(PcrfStore.Af, asr.GetString(Avps.DestinationHost));
            Assert.AreEqual(PcrfStore.Domain, asr.GetString(Avps.DestinationRealm));
            Assert.AreEqual(DiameterApplicationId.Rx.Value, asr.GetUnsigned32(Avps.AuthApplicationId));
            Assert.AreEqual(RxAbortCause.InsufficientServerResources, asr.GetUnsigned32(Avps.AbortCause));
            Assert.IsNull(Ims.Diameter.Validation.DiameterRequestValidator.Validate(asr), "every AVP TS 29.214 5.6.7 requires");
            Assert.AreEqual(new Continuation("pcrf.release", "asa", asr.SessionId!), command.Continuation);
            sessions.Add(asr.SessionId!);
        }

        CollectionAssert.AreEquivalent(new[] { "s1", "s2" }, sessions);
        StringAssert.Contains(outcome.Decision, "ASR INSUFFICIENT_SERVER_RESOURCES");
    }

    [TestMethod]
    public async Task BearerLostSendsARarWithIndicationOfLossOfBearer()
    {
        using var pcrf = new PcrfStore();
        await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice));

        var outcome = await pcrf.Release.HandleAsync(PcrfStore.Envelope(new PolicyReleaseRequested(PcrfStore.Alice, PolicyRelease.LossOfBearer)), CancellationToken.None);

        var command = outcome.Commands.Single();
        var rar = PcrfStore.Decode(((SendDiameterRequest)command.Message).Message);
        Assert.AreEqual(258u, rar.CommandCode);
        Assert.AreEqual("s1", rar.SessionId);
        Assert.AreEqual(PcrfStore.Af, rar.GetString(Avps.DestinationHost));
        Assert.AreEqual(RxValues.IndicationOfLossOfBearer, rar.GetUnsigned32(Avps.SpecificAction));
        Assert.IsNull(rar.Find(Avps.AbortCause));
        Assert.IsNull(Ims.Diameter.Validation.DiameterRequestValidator.Validate(rar), "every AVP TS 29.214 5.6.3 requires");
        Assert.AreEqual("raa", command.Continuation!.Step);
    }

    [TestMethod]
    public async Task ReleaseOfASubscriberWithoutSessionsSendsNothing()
    {
        using var pcrf = new PcrfStore();
        await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice));
        await pcrf.AskAsync(PcrfStore.Str("s1"));

        var outcome = await pcrf.Release.HandleAsync(PcrfStore.Envelope(new PolicyReleaseRequested(PcrfStore.Alice, PolicyRelease.AbortSession)), CancellationToken.None);

        Assert.AreEqual(0, outcome.Commands.Count);
        Assert.AreEqual($"release of {PcrfStore.Alice}: no live Rx session", outcome.Decision);
    }

    [TestMethod]
    public async Task AnIndexRowWhoseSessionIsGoneIsDroppedNotReleased()
    {
        using var pcrf = new PcrfStore();
        await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice));
        await pcrf.Store.DeleteAsync(PolicyTables.SessionTable, PolicyTables.SessionKey("s1"), PolicyTables.SessionRow, ETag.Any, CancellationToken.None);

        var outcome = await pcrf.Release.HandleAsync(PcrfStore.Envelope(new PolicyReleaseRequested(PcrfStore.Alice, PolicyRelease.AbortSession)), CancellationToken.None);

        Assert.AreEqual(0, outcome.Commands.Count);
        StringAssert.Contains(outcome.Decision, "1 stale index row(s) dropped");
        Assert.AreEqual(StoreStatus.NotFound, await pcrf.IndexStatusAsync(PcrfStore.Alice, "s1"));
    }

    [TestMethod]
    public async Task AnAsaOfSuccessKeepsTheSessionUntilTheAfsStr()
    {
        using var pcrf = new PcrfStore();
        await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice));
        var asr = await ReleaseAsync(pcrf);

        var outcome = await AnswerAsync(pcrf, RxRequests.Asa(asr, PcrfStore.Af, PcrfStore.Domain), "asa");

        var wait = (ScheduleTimer)outcome.Commands.Single().Message;
        Assert.AreEqual("pcrf-str|s1", wait.TimerId);
        Assert.AreEqual(PcrfStore.At + PcrfStore.Options.StrWait, wait.Due);
        StringAssert.StartsWith(outcome.Decision, $"ASA 2001 from {PcrfStore.Af} for s1");
        Assert.IsTrue(await HeldAsync(pcrf, "s1"));
        var str = await pcrf.AskAsync(PcrfStore.Str("s1"));
        Assert.AreEqual(DiameterResultCode.Success.Value, PcrfStore.Result(str.Answer));
        Assert.IsFalse(await HeldAsync(pcrf, "s1"));

        var late = await StrWaitOverAsync(pcrf, wait);
        Assert.AreEqual("s1 ended with its STR; nothing left to remove", late.Decision);
    }

    [TestMethod]
    public async Task ASessionWhoseStrNeverComesAfterAnAsaIsRemovedWhenTheWaitIsOver()
    {
        using var pcrf = new PcrfStore();
        await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice));
        var asr = await ReleaseAsync(pcrf);
        var outcome = await AnswerAsync(pcrf, RxRequests.Asa(asr, PcrfStore.Af, PcrfStore.Domain), "asa");

        var overdue = await StrWaitOverAsync(pcrf, (ScheduleTimer)outcome.Commands.Single().Message);

        Assert.AreEqual("no STR for s1 within 30 s of the AF's ASA 2001; session removed", overdue.Decision);
        Assert.IsFalse(await HeldAsync(pcrf, "s1"));
        Assert.AreEqual(StoreStatus.NotFound, await pcrf.IndexStatusAsync(PcrfStore.Alice, "s1"));
        var again = await pcrf.Release.HandleAsync(PcrfStore.Envelope(new PolicyReleaseRequested(PcrfStore.Alice, PolicyRelease.AbortSession)), CancellationToken.None);
        Assert.AreEqual(0, again.Commands.Count, "a removed session is not released again");
    }

    [TestMethod]
    public async Task AnRaaOfSuccessLeavesTheSessionToTheAf()
    {
        // TS 29.214 4.4.6.1: after a RAR the AF may go on with the session, so no wait for an STR is set.
        using var pcrf = new PcrfStore();
        await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice));
        var released = await pcrf.Release.HandleAsync(PcrfStore.Envelope(new PolicyReleaseRequested(PcrfStore.Alice, PolicyRelease.LossOfBearer)), CancellationToken.None);
        var rar = PcrfStore.Decode(((SendDiameterRequest)released.Commands.Single().Message).Message);

        var outcome = await AnswerAsync(pcrf, RxRequests.Raa(rar, PcrfStore.Af, PcrfStore.Domain), "raa");

        Assert.AreEqual(0, outcome.Commands.Count);
        StringAssert.Contains(outcome.Decision, "the AF chooses whether to end the session");
        Assert.IsTrue(await HeldAsync(pcrf, "s1"));
    }

    [TestMethod]
    public async Task AnAsaOfUnknownSessionRemovesTheSessionAndItsIndex()
    {
        using var pcrf = new PcrfStore();
        await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice));
        var asr = await ReleaseAsync(pcrf);

        var outcome = await AnswerAsync(pcrf, RxRequests.Asa(asr, PcrfStore.Af, PcrfStore.Domain, DiameterResultCode.UnknownSessionId), "asa");

        StringAssert.Contains(outcome.Decision, "no longer holds s1; session removed");
        Assert.IsFalse(await HeldAsync(pcrf, "s1"));
        Assert.AreEqual(StoreStatus.NotFound, await pcrf.IndexStatusAsync(PcrfStore.Alice, "s1"));
    }

    [TestMethod]
    public async Task AnUnansweredAsrKeepsTheSession()
    {
        using var pcrf = new PcrfStore();
        await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice));
        var envelope = PcrfStore.Envelope(new DiameterAnswerReceived(null, DiameterDeliveryFailure.Timeout), new Continuation("pcrf.release", "asa", "s1"));

        Assert.IsTrue(pcrf.Release.Accepts(envelope));
        var outcome = await pcrf.Release.HandleAsync(envelope, CancellationToken.None);

        Assert.AreEqual("ASR for s1 not answered (Timeout); session kept until its STR", outcome.Decision);
        Assert.IsTrue(await HeldAsync(pcrf, "s1"));
    }

    [TestMethod]
    public void AnswersForOtherHandlersAreNotTaken()
    {
        using var pcrf = new PcrfStore();

        Assert.IsFalse(pcrf.Release.Accepts(PcrfStore.Envelope(new DiameterAnswerReceived([1], null), new Continuation("scscf.register", "mar", "{}"))));
        Assert.IsFalse(pcrf.Release.Accepts(PcrfStore.Envelope(new DiameterAnswerReceived([1], null))));
        Assert.IsFalse(pcrf.Release.Accepts(PcrfStore.Envelope(new DiameterRequestReceived(ImsRole.Pcrf, "pcscf", [1]))));
    }

    [TestMethod]
    public async Task GarbageInAnAnswerIsADecisionNotAnException()
    {
        using var pcrf = new PcrfStore();

        var outcome = await pcrf.Release.HandleAsync(PcrfStore.Envelope(new DiameterAnswerReceived([1, 2, 3], null), new Continuation("pcrf.release", "raa", "s1")), CancellationToken.None);

        StringAssert.StartsWith(outcome.Decision, "RAA for s1 unreadable");
        Assert.AreEqual(0, outcome.Commands.Count);
    }

    [TestMethod]
    [DataRow("bearer-released", 0u)]
    [DataRow("INSUFFICIENT_BEARER_RESOURCES", 2u)]
    [DataRow("ps-to-cs-handover", 3u)]
    [DataRow("4", 4u)]
    public void AbortCauseNamesAndNumbersParse(string text, uint expected)
    {
        Assert.IsTrue(RxAbortCause.TryParse(text, out var value));
        Assert.AreEqual(expected, value);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("5")]
    [DataRow("released")]
    [DataRow("-1")]
    public void UnknownAbortCausesDoNotParse(string text) => Assert.IsFalse(RxAbortCause.TryParse(text, out _));

    private static async Task<DiameterMessage> ReleaseAsync(PcrfStore pcrf)
    {
        var outcome = await pcrf.Release.HandleAsync(PcrfStore.Envelope(new PolicyReleaseRequested(PcrfStore.Alice, PolicyRelease.AbortSession)), CancellationToken.None);
        return PcrfStore.Decode(((SendDiameterRequest)outcome.Commands.Single().Message).Message);
    }

    private static async Task<FunctionOutcome> AnswerAsync(PcrfStore pcrf, DiameterMessage answer, string step)
    {
        var envelope = PcrfStore.Envelope(new DiameterAnswerReceived(DiameterEncoder.Encode(answer), null), new Continuation("pcrf.release", step, answer.SessionId!));
        Assert.IsTrue(pcrf.Release.Accepts(envelope));
        return await pcrf.Release.HandleAsync(envelope, CancellationToken.None);
    }

    private static async Task<FunctionOutcome> StrWaitOverAsync(PcrfStore pcrf, ScheduleTimer wait)
    {
        var envelope = PcrfStore.Envelope(new TimerFired(wait.TimerId, wait.Payload));
        Assert.IsTrue(pcrf.Release.Accepts(envelope));
        return await pcrf.Release.HandleAsync(envelope, CancellationToken.None);
    }

    private static async Task<bool> HeldAsync(PcrfStore pcrf, string session) =>
        (await pcrf.Store.GetAsync(PolicyTables.SessionTable, PolicyTables.SessionKey(session), PolicyTables.SessionRow, CancellationToken.None)).IsOk;
}
