using Ims.Aka.Sequence;

namespace Ims.Aka.Tests.Sequence;

[TestClass]
public sealed class SequenceNumberGeneratorTests
{
    [TestMethod]
    public void FirstSqnHasFreshSeqAndNextInd()
    {
        var result = new SequenceNumberGenerator().Next(SqnState.Initial);

        Assert.IsTrue(result.Succeeded);
        var sqn = Assert.ContainsSingle(result.Value.Sqns);
        Assert.AreEqual(1UL, sqn.Seq);
        Assert.AreEqual(1, sqn.Ind);
        Assert.AreEqual(new SqnState(sqn), result.Value.NewState);
    }

    [TestMethod]
    public void EveryVectorGetsAFreshSeqAndIndCyclesThroughAllSlots()
    {
        var generator = new SequenceNumberGenerator();
        var state = new SqnState(SequenceNumber.FromParts(100, 30));
        var issued = new List<SequenceNumber>();

        for (var i = 0; i < 40; i++)
        {
            var result = generator.Next(state);
            issued.AddRange(result.Value.Sqns);
            state = result.Value.NewState;
        }

        CollectionAssert.AreEqual(Enumerable.Range(101, 40).Select(s => (ulong)s).ToList(), issued.Select(s => s.Seq).ToList());
        CollectionAssert.AreEqual(Enumerable.Range(31, 40).Select(i => i % 32).ToList(), issued.Select(s => s.Ind).ToList());
        Assert.AreEqual(issued.Count, issued.Distinct().Count(), "no SQN handed out twice");
        Assert.AreEqual(issued[^1], state.LastIssued);
    }

    [TestMethod]
    public void BatchEqualsRepeatedSingleAllocations()
    {
        var generator = new SequenceNumberGenerator(indCount: 4);
        var start = new SqnState(SequenceNumber.FromParts(7, 2));

        var batch = generator.Next(start, 5).Value;
        var state = start;
        var singles = new List<SequenceNumber>();
        for (var i = 0; i < 5; i++)
        {
            var one = generator.Next(state).Value;
            singles.Add(one.Sqns[0]);
            state = one.NewState;
        }

        CollectionAssert.AreEqual(singles, batch.Sqns.ToList());
        CollectionAssert.AreEqual(new[] { 3, 0, 1, 2, 3 }, batch.Sqns.Select(s => s.Ind).ToList());
        Assert.AreEqual(state, batch.NewState);
    }

    [TestMethod]
    public void ExhaustedSeqIsATypedFailureAndStateIsUntouched()
    {
        var state = new SqnState(SequenceNumber.FromParts(SequenceNumber.MaxSeq, 0));

        var result = new SequenceNumberGenerator().Next(state);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(SqnError.Exhausted, result.Reason);
        Assert.ThrowsExactly<InvalidOperationException>(() => result.Value);
    }
}
