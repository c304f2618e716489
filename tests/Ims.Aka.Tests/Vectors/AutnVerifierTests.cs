using Ims.Aka.Milenage;
using Ims.Aka.Sequence;
using Ims.Aka.Tests.Milenage;
using Ims.Aka.Vectors;

namespace Ims.Aka.Tests.Vectors;

[TestClass]
public sealed class AutnVerifierTests
{
    public static IEnumerable<object[]> Sets => MilenageTestSet.SetNumbers;

    [TestMethod]
    [DynamicData(nameof(Sets))]
    public void UsimAcceptsTheHssVectorAndRecoversSqnAndRes(int set)
    {
        var v = MilenageTestSet.Get(set);
        using var milenage = new MilenageAlgorithm(SubscriberKeys.FromOp(v.K, v.Op));
        var vector = AuthenticationVectorGenerator.Generate(
            milenage, v.Rand, SequenceNumber.FromBytes(v.Sqn), (ushort)((v.Amf[0] << 8) | v.Amf[1]));

        var result = AutnVerifier.Verify(milenage, vector.Rand.Span, vector.Autn.Span);

        Assert.IsTrue(result.Succeeded, result.Message);
        Assert.AreEqual(SequenceNumber.FromBytes(v.Sqn), result.Value.Sqn);
        CollectionAssert.AreEqual(v.Res, result.Value.Res.ToArray());
        CollectionAssert.AreEqual(v.Ck, result.Value.Ck.ToArray());
        CollectionAssert.AreEqual(v.Ik, result.Value.Ik.ToArray());
        Assert.DoesNotContain(Convert.ToHexStringLower(v.Res), result.Value.ToString());
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(6)]
    [DataRow(15)]
    public void FlippedBitInAutnIsAMacFailure(int byteIndex)
    {
        var v = MilenageTestSet.Get(1);
        using var milenage = new MilenageAlgorithm(SubscriberKeys.FromOp(v.K, v.Op));
        var autn = Convert.FromHexString("55f328b43577b9b94a9ffac354dfafb3");
        Assert.IsTrue(AutnVerifier.Verify(milenage, v.Rand, autn).Succeeded);
        autn[byteIndex] ^= 0x80;

        var result = AutnVerifier.Verify(milenage, v.Rand, autn);

        Assert.AreEqual(AutnError.MacFailure, result.Reason);
    }

    [TestMethod]
    public void ShortAutnIsMalformed()
    {
        var v = MilenageTestSet.Get(1);
        using var milenage = new MilenageAlgorithm(SubscriberKeys.FromOp(v.K, v.Op));

        Assert.AreEqual(AutnError.Malformed, AutnVerifier.Verify(milenage, v.Rand, new byte[15]).Reason);
    }
}
