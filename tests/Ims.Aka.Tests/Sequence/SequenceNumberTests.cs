using Ims.Aka.Hex;
using Ims.Aka.Sequence;

namespace Ims.Aka.Tests.Sequence;

[TestClass]
public sealed class SequenceNumberTests
{
    [TestMethod]
    public void SplitsSet1SqnIntoSeqAndInd()
    {
        // TS 35.208 set 1 SQN ff9bb4d0b607: low 5 bits 00111 = IND 7, the rest is SEQ.
        var sqn = SequenceNumber.FromBytes(Convert.FromHexString("ff9bb4d0b607"));

        Assert.AreEqual(0xff9bb4d0b607UL, sqn.Value);
        Assert.AreEqual(0xff9bb4d0b607UL >> 5, sqn.Seq);
        Assert.AreEqual(7, sqn.Ind);
        Assert.AreEqual("ff9bb4d0b607", sqn.ToString());
        CollectionAssert.AreEqual(Convert.FromHexString("ff9bb4d0b607"), sqn.ToBytes());
    }

    [TestMethod]
    public void FromPartsPutsSeqAboveFiveIndBits()
    {
        var sqn = SequenceNumber.FromParts(seq: 3, ind: 31);

        Assert.AreEqual((3UL << 5) | 31, sqn.Value);
        Assert.AreEqual("00000000007f", sqn.ToString());
    }

    [TestMethod]
    public void OutOfRangePartsAreProgrammerErrors()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => SequenceNumber.FromParts(SequenceNumber.MaxSeq + 1, 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => SequenceNumber.FromParts(0, 32));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => SequenceNumber.FromValue(1UL << 48));
        Assert.ThrowsExactly<ArgumentException>(() => SequenceNumber.FromBytes(new byte[5]));
    }

    [TestMethod]
    public void ParsesHexAndRoundTripsThroughToString()
    {
        var result = SequenceNumber.Parse("FF9BB4D0B607");

        Assert.IsTrue(result.Succeeded, result.Message);
        Assert.AreEqual(0xff9bb4d0b607UL, result.Value.Value);
        Assert.AreEqual(result.Value, SequenceNumber.Parse(result.Value.ToString()).Value);
    }

    [TestMethod]
    [DataRow(null, HexError.Missing)]
    [DataRow("ff9bb4d0b6", HexError.WrongLength)]
    [DataRow("ff9bb4d0b60z", HexError.NotHex)]
    public void BadSqnTextIsATypedFailure(string? text, HexError expected)
    {
        var result = SequenceNumber.Parse(text);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(expected, result.Reason);
        Assert.StartsWith("SQN: ", result.Message);
    }
}
