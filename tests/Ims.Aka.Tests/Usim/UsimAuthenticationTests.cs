using Ims.Aka.Milenage;
using Ims.Aka.Sequence;
using Ims.Aka.Tests.Milenage;
using Ims.Aka.Tests.Vectors;
using Ims.Aka.Usim;
using Ims.Aka.Vectors;

namespace Ims.Aka.Tests.Usim;

/// <summary>
/// The simulated USIM (TS 33.102 6.3.3, Annex C.2) against vectors from the HSS side, including the
/// full drift-and-resynchronise round trip (6.3.5) with TS 35.208 test-set keys.
/// </summary>
[TestClass]
public sealed class UsimAuthenticationTests
{
    [TestMethod]
    public void FreshVectorIsAcceptedWithTestSetResAndRecordedInItsIndSlot()
    {
        var v = MilenageTestSet.Get(1);
        using var milenage = new MilenageAlgorithm(SubscriberKeys.FromOp(v.K, v.Op));
        var sqn = SequenceNumber.FromBytes(v.Sqn);
        var vector = AuthenticationVectorGenerator.Generate(milenage, v.Rand, sqn, 0xb9b9);

        // Set 1's SEQ is near 2^43, beyond Δ of a fresh USIM: start from one that accepted SEQ - 3 elsewhere.
        var before = UsimSqnState.Initial.Accept(SequenceNumber.FromParts(sqn.Seq - 3, (sqn.Ind + 5) % 32));

        var answer = UsimAuthentication.Answer(milenage, before, vector.Rand.Span, vector.Autn.Span);

        Assert.IsTrue(answer.Succeeded, answer.Message);
        Assert.AreEqual(UsimAnswerKind.Accepted, answer.Value.Kind);
        Assert.IsTrue(answer.Value.Auts.IsEmpty);
        CollectionAssert.AreEqual(v.Res, answer.Value.Response!.Res.ToArray());
        CollectionAssert.AreEqual(v.Ck, answer.Value.Response.Ck.ToArray());
        CollectionAssert.AreEqual(v.Ik, answer.Value.Response.Ik.ToArray());
        Assert.AreEqual(sqn, answer.Value.Response.Sqn);
        Assert.AreEqual(sqn.Seq, answer.Value.State.SeqMs(sqn.Ind));
        Assert.AreEqual(0UL, answer.Value.State.SeqMs((sqn.Ind + 1) % 32), "other slots untouched");
        Assert.AreEqual(sqn, answer.Value.State.Highest);
        Assert.DoesNotContain(Convert.ToHexStringLower(v.Res), answer.Value.ToString());
    }

    [TestMethod]
    public void SqnBeyondDeltaOfAFreshUsimIsASynchronisationFailure()
    {
        var v = MilenageTestSet.Get(1);
        using var milenage = new MilenageAlgorithm(SubscriberKeys.FromOp(v.K, v.Op));
        var vector = AuthenticationVectorGenerator.Generate(milenage, v.Rand, SequenceNumber.FromBytes(v.Sqn), 0xb9b9);

        var answer = UsimAuthentication.Answer(milenage, UsimSqnState.Initial, vector.Rand.Span, vector.Autn.Span);

        Assert.AreEqual(UsimAnswerKind.SynchronisationFailure, answer.Value.Kind);
        CollectionAssert.AreEqual(Auts.Compose(milenage, v.Rand, SequenceNumber.FromValue(0)), answer.Value.Auts.ToArray());
    }

    [TestMethod]
    public void ReplayedVectorIsASynchronisationFailureCarryingSqnMs()
    {
        var v = MilenageTestSet.Get(2);
        var keys = SubscriberKeys.FromOp(v.K, v.Op);
        using var milenage = new MilenageAlgorithm(keys);
        var vector = AuthenticationVectorGenerator.Generate(milenage, v.Rand, SequenceNumber.FromParts(77, 3), 0x8000);
        var state = UsimAuthentication.Answer(milenage, UsimSqnState.Initial, vector.Rand.Span, vector.Autn.Span).Value.State;

        var replay = UsimAuthentication.Answer(milenage, state, vector.Rand.Span, vector.Autn.Span);

        Assert.IsTrue(replay.Succeeded, replay.Message);
        Assert.AreEqual(UsimAnswerKind.SynchronisationFailure, replay.Value.Kind);
        Assert.IsNull(replay.Value.Response);
        Assert.AreSame(state, replay.Value.State);
        CollectionAssert.AreEqual(Auts.Compose(milenage, v.Rand, SequenceNumber.FromParts(77, 3)), replay.Value.Auts.ToArray());
        var resolved = Resynchronisation.Resolve(keys, v.Rand, replay.Value.Auts.Span, SqnState.Initial);
        Assert.AreEqual(SequenceNumber.FromParts(77, 3), resolved.Value.SqnMs);
    }

    [TestMethod]
    public void VectorsOfOneBatchAreAcceptedInAnyOrderThanksToInd()
    {
        // TS 33.102 C.1.2: vectors with distinct IND may be used out of order.
        var v = MilenageTestSet.Get(3);
        var keys = SubscriberKeys.FromOp(v.K, v.Op);
        using var milenage = new MilenageAlgorithm(keys);
        var batch = AuthenticationVectorGenerator.GenerateBatch(keys, SqnState.Initial, 4, 0x8000, new SteppingRandomSource()).Value;
        var state = UsimSqnState.Initial;

        foreach (var vector in batch.Vectors.Reverse())
        {
            var answer = UsimAuthentication.Answer(milenage, state, vector.Rand.Span, vector.Autn.Span);
            Assert.AreEqual(UsimAnswerKind.Accepted, answer.Value.Kind, vector.Sqn.ToString());
            state = answer.Value.State;
        }

        Assert.AreEqual(batch.Vectors[^1].Sqn, state.Highest);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(4)]
    [DataRow(19)]
    public void DriftedUeIsRecoveredByResynchronisation(int set)
    {
        // The UE accepted SEQ 4969..5000 in all 32 IND slots elsewhere (another HSS, a restored backup);
        // this HSS is at SEQ 10, so whatever IND it picks, C.2.2 refuses it.
        var v = MilenageTestSet.Get(set);
        var keys = SubscriberKeys.FromOp(v.K, v.Op);
        using var milenage = new MilenageAlgorithm(keys);
        var random = new SteppingRandomSource();
        var usim = UsimSqnState.Initial;
        for (var seq = 4969UL; seq <= 5000; seq++)
        {
            usim = usim.Accept(SequenceNumber.FromParts(seq, (int)(seq % 32)));
        }
        var hss = new SqnState(SequenceNumber.FromParts(10, 2));

        var stale = AuthenticationVectorGenerator.GenerateBatch(keys, hss, 1, 0x8000, random).Value;
        var refused = UsimAuthentication.Answer(milenage, usim, stale.Vectors[0].Rand.Span, stale.Vectors[0].Autn.Span).Value;
        Assert.AreEqual(UsimAnswerKind.SynchronisationFailure, refused.Kind);

        var resolved = Resynchronisation.Resolve(keys, stale.Vectors[0].Rand.Span, refused.Auts.Span, stale.NewState);
        Assert.IsTrue(resolved.Succeeded, resolved.Message);
        Assert.AreEqual(SequenceNumber.FromParts(5000, 5000 % 32), resolved.Value.SqnMs);
        Assert.IsTrue(resolved.Value.Reset);

        var fresh = AuthenticationVectorGenerator.GenerateBatch(keys, resolved.Value.NewState, 1, 0x8000, random).Value;
        var accepted = UsimAuthentication.Answer(milenage, usim, fresh.Vectors[0].Rand.Span, fresh.Vectors[0].Autn.Span).Value;
        Assert.AreEqual(UsimAnswerKind.Accepted, accepted.Kind);
        Assert.AreEqual(5001UL, accepted.Response!.Sqn.Seq);
    }

    [TestMethod]
    public void HssFarAheadOfUeIsRefusedThenRecovered()
    {
        // C.2.1: SEQ - SEQ_MS > Δ is refused; 6.3.5 then moves SQN_HE back to SQN_MS.
        var v = MilenageTestSet.Get(5);
        var keys = SubscriberKeys.FromOp(v.K, v.Op);
        using var milenage = new MilenageAlgorithm(keys);
        var random = new SteppingRandomSource();
        var usim = UsimSqnState.Initial.Accept(SequenceNumber.FromParts(20, 1));
        var hss = new SqnState(SequenceNumber.FromParts(20 + Resynchronisation.DefaultDelta + 1, 1));

        var farBatch = AuthenticationVectorGenerator.GenerateBatch(keys, hss, 1, 0x8000, random).Value;
        var far = farBatch.Vectors[0];
        var refused = UsimAuthentication.Answer(milenage, usim, far.Rand.Span, far.Autn.Span).Value;
        var resolved = Resynchronisation.Resolve(keys, far.Rand.Span, refused.Auts.Span, farBatch.NewState).Value;
        var next = AuthenticationVectorGenerator.GenerateBatch(keys, resolved.NewState, 1, 0x8000, random).Value.Vectors[0];
        var accepted = UsimAuthentication.Answer(milenage, usim, next.Rand.Span, next.Autn.Span).Value;

        Assert.AreEqual(UsimAnswerKind.SynchronisationFailure, refused.Kind);
        Assert.IsTrue(resolved.Reset);
        Assert.AreEqual(UsimAnswerKind.Accepted, accepted.Kind);
        Assert.AreEqual(21UL, accepted.Response!.Sqn.Seq);
    }

    [TestMethod]
    public void ForgedAutnIsAMacFailureWithoutAuts()
    {
        var v = MilenageTestSet.Get(1);
        using var milenage = new MilenageAlgorithm(SubscriberKeys.FromOp(v.K, v.Op));
        var autn = Convert.FromHexString("55f328b43577b9b94a9ffac354dfafb3");
        autn[9] ^= 0x04;

        var answer = UsimAuthentication.Answer(milenage, UsimSqnState.Initial, v.Rand, autn);

        Assert.IsFalse(answer.Succeeded);
        Assert.AreEqual(AutnError.MacFailure, answer.Reason);
    }

    [TestMethod]
    public void WrongLengthChallengeIsMalformed()
    {
        var v = MilenageTestSet.Get(1);
        using var milenage = new MilenageAlgorithm(SubscriberKeys.FromOp(v.K, v.Op));

        var answer = UsimAuthentication.Answer(milenage, UsimSqnState.Initial, v.Rand.AsSpan(0, 15), new byte[16]);

        Assert.AreEqual(AutnError.Malformed, answer.Reason);
    }
}
