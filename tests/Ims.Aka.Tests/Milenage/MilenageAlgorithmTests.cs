using Ims.Aka.Milenage;

namespace Ims.Aka.Tests.Milenage;

[TestClass]
public sealed class MilenageAlgorithmTests
{
    public static IEnumerable<object[]> Sets => MilenageTestSet.SetNumbers;

    [TestMethod]
    public void VectorFileHoldsAllTwentyTestSets()
    {
        CollectionAssert.AreEqual(Enumerable.Range(1, 20).ToList(), MilenageTestSet.All.Select(s => s.Set).ToList());
    }

    [TestMethod]
    [DynamicData(nameof(Sets))]
    public void OpcFromOpMatchesTestSet(int set)
    {
        var v = MilenageTestSet.Get(set);

        Assert.AreEqual(Hex(v.Opc), Hex(MilenageAlgorithm.ComputeOpc(v.K, v.Op)));
        Assert.AreEqual(Hex(v.Opc), Hex(SubscriberKeys.FromOp(v.K, v.Op).Opc.Span));
    }

    [TestMethod]
    [DynamicData(nameof(Sets))]
    public void EveryFunctionMatchesTestSet(int set)
    {
        var v = MilenageTestSet.Get(set);
        using var milenage = new MilenageAlgorithm(SubscriberKeys.FromOp(v.K, v.Op));

        Assert.AreEqual(Hex(v.MacA), Hex(milenage.F1(v.Rand, v.Sqn, v.Amf)), "f1 MAC-A");
        Assert.AreEqual(Hex(v.MacS), Hex(milenage.F1Star(v.Rand, v.Sqn, v.Amf)), "f1* MAC-S");
        Assert.AreEqual(Hex(v.Res), Hex(milenage.F2(v.Rand)), "f2 RES");
        Assert.AreEqual(Hex(v.Ck), Hex(milenage.F3(v.Rand)), "f3 CK");
        Assert.AreEqual(Hex(v.Ik), Hex(milenage.F4(v.Rand)), "f4 IK");
        Assert.AreEqual(Hex(v.Ak), Hex(milenage.F5(v.Rand)), "f5 AK");
        Assert.AreEqual(Hex(v.AkStar), Hex(milenage.F5Star(v.Rand)), "f5* AK*");
    }

    [TestMethod]
    [DynamicData(nameof(Sets))]
    public void F2345FromOneTempMatchesTestSet(int set)
    {
        var v = MilenageTestSet.Get(set);
        using var milenage = new MilenageAlgorithm(SubscriberKeys.FromOpc(v.K, v.Opc));

        var output = milenage.F2345(v.Rand);

        Assert.AreEqual(Hex(v.Res), Hex(output.Res.Span), "RES");
        Assert.AreEqual(Hex(v.Ck), Hex(output.Ck.Span), "CK");
        Assert.AreEqual(Hex(v.Ik), Hex(output.Ik.Span), "IK");
        Assert.AreEqual(Hex(v.Ak), Hex(output.Ak.Span), "AK");
    }

    [TestMethod]
    public void SubscriberKeysAndOutputsDoNotPrintSecrets()
    {
        var v = MilenageTestSet.Get(1);
        var keys = SubscriberKeys.FromOp(v.K, v.Op);
        using var milenage = new MilenageAlgorithm(keys);
        var output = milenage.F2345(v.Rand);

        foreach (var text in new[] { keys.ToString(), output.ToString() })
        {
            Assert.Contains("[redacted]", text);
            foreach (var secret in new[] { v.K, v.Opc, v.Res, v.Ck, v.Ik, v.Ak })
            {
                Assert.DoesNotContain(Hex(secret), text.ToLowerInvariant());
            }
        }
    }

    [TestMethod]
    public void WrongKeyLengthIsAProgrammerError()
    {
        var v = MilenageTestSet.Get(1);

        Assert.ThrowsExactly<ArgumentException>(() => SubscriberKeys.FromOpc(v.K.AsSpan(1), v.Opc));
        Assert.ThrowsExactly<ArgumentException>(() => MilenageAlgorithm.ComputeOpc(v.K, v.Op.AsSpan(0, 15)));
    }

    [TestMethod]
    public void UseAfterDisposeIsRefused()
    {
        var v = MilenageTestSet.Get(1);
        var milenage = new MilenageAlgorithm(SubscriberKeys.FromOpc(v.K, v.Opc));
        milenage.Dispose();

        Assert.ThrowsExactly<ObjectDisposedException>(() => milenage.F2(v.Rand));
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
