using Ims.Aka.Milenage;
using Ims.Aka.Sequence;
using Ims.Aka.Tests.Milenage;
using Ims.Aka.Vectors;

namespace Ims.Aka.Tests.Vectors;

[TestClass]
public sealed class AuthenticationVectorGeneratorTests
{
    public static IEnumerable<object[]> Sets => MilenageTestSet.SetNumbers;

    [TestMethod]
    [DynamicData(nameof(Sets))]
    public void VectorFromInjectedRandMatchesTestSet(int set)
    {
        var v = MilenageTestSet.Get(set);
        var random = new FixedRandomSource(v.Rand);
        var amf = (ushort)((v.Amf[0] << 8) | v.Amf[1]);

        var vector = AuthenticationVectorGenerator.Generate(
            SubscriberKeys.FromOp(v.K, v.Op), SequenceNumber.FromBytes(v.Sqn), amf, random);

        Assert.AreEqual(1, random.Calls);
        Assert.AreEqual(Hex(v.Rand), Hex(vector.Rand.Span), "RAND");
        Assert.AreEqual(Hex(v.Res), Hex(vector.Xres.Span), "XRES");
        Assert.AreEqual(Hex(v.Ck), Hex(vector.Ck.Span), "CK");
        Assert.AreEqual(Hex(v.Ik), Hex(vector.Ik.Span), "IK");
        var concealed = v.Sqn.Zip(v.Ak, (s, a) => (byte)(s ^ a)).ToArray();
        Assert.AreEqual(Hex([.. concealed, .. v.Amf, .. v.MacA]), Hex(vector.Autn.Span), "AUTN = (SQN xor AK) || AMF || MAC-A");
        Assert.AreEqual(SequenceNumber.FromBytes(v.Sqn), vector.Sqn, "the SQN used");
    }

    [TestMethod]
    public void BatchGivesEachVectorAFreshSqnAndItsOwnRandAndReturnsTheStateToStore()
    {
        var v = MilenageTestSet.Get(1);
        var keys = SubscriberKeys.FromOpc(v.K, v.Opc);
        var random = new SteppingRandomSource();
        var state = new SqnState(SequenceNumber.FromParts(41, 30));

        var result = AuthenticationVectorGenerator.GenerateBatch(keys, state, 3, 0x8000, random);

        Assert.IsTrue(result.Succeeded, result.Message);
        var batch = result.Value;
        Assert.HasCount(3, batch.Vectors);
        CollectionAssert.AreEqual(
            new[] { SequenceNumber.FromParts(42, 31), SequenceNumber.FromParts(43, 0), SequenceNumber.FromParts(44, 1) },
            batch.Vectors.Select(x => x.Sqn).ToList());
        Assert.AreEqual(new SqnState(SequenceNumber.FromParts(44, 1)), batch.NewState);
        Assert.AreEqual(3, random.Calls);
        Assert.AreEqual(3, batch.Vectors.Select(x => Hex(x.Rand.Span)).Distinct().Count(), "one RAND per vector");

        // Each vector is exactly the single-vector computation for its RAND and SQN.
        using var milenage = new MilenageAlgorithm(keys);
        foreach (var vector in batch.Vectors)
        {
            var single = AuthenticationVectorGenerator.Generate(milenage, vector.Rand.Span, vector.Sqn, 0x8000);
            Assert.AreEqual(Hex(single.Autn.Span), Hex(vector.Autn.Span));
            Assert.AreEqual(Hex(single.Xres.Span), Hex(vector.Xres.Span));
            Assert.AreEqual("8000", Hex(Autn.Amf(vector.Autn.Span)));
        }
    }

    [TestMethod]
    public void BatchFromExhaustedSeqIsATypedFailureAndDrawsNoRand()
    {
        var v = MilenageTestSet.Get(1);
        var random = new SteppingRandomSource();
        var state = new SqnState(SequenceNumber.FromParts(SequenceNumber.MaxSeq - 1, 0));

        var result = AuthenticationVectorGenerator.GenerateBatch(SubscriberKeys.FromOpc(v.K, v.Opc), state, 2, 0, random);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(SqnError.Exhausted, result.Reason);
        Assert.AreEqual(0, random.Calls);
    }

    [TestMethod]
    public void Set1AutnMatchesDigestAkaRegisterExample()
    {
        // shared/testdata/digest-aka/register-set1.txt: autn
        var v = MilenageTestSet.Get(1);
        using var milenage = new MilenageAlgorithm(SubscriberKeys.FromOp(v.K, v.Op));

        var vector = AuthenticationVectorGenerator.Generate(milenage, v.Rand, SequenceNumber.FromBytes(v.Sqn), 0xb9b9);

        Assert.AreEqual("55f328b43577b9b94a9ffac354dfafb3", Hex(vector.Autn.Span));
        Assert.AreEqual("55f328b43577", Hex(Autn.ConcealedSqn(vector.Autn.Span)));
        Assert.AreEqual("b9b9", Hex(Autn.Amf(vector.Autn.Span)));
        Assert.AreEqual("4a9ffac354dfafb3", Hex(Autn.MacA(vector.Autn.Span)));
    }

    [TestMethod]
    public void VectorToStringShowsRandAndAutnButNoSecrets()
    {
        var v = MilenageTestSet.Get(1);
        var vector = AuthenticationVectorGenerator.Generate(
            SubscriberKeys.FromOpc(v.K, v.Opc), SequenceNumber.FromBytes(v.Sqn), 0xb9b9, new FixedRandomSource(v.Rand));

        var text = vector.ToString();

        Assert.Contains(Hex(v.Rand), text);
        Assert.Contains("55f328b43577b9b94a9ffac354dfafb3", text);
        Assert.DoesNotContain(Hex(v.Res), text);
        Assert.DoesNotContain(Hex(v.Ck), text);
        Assert.DoesNotContain(Hex(v.Ik), text);
        Assert.Contains("Xres = [redacted]", text);
        Assert.Contains("Sqn = ff9bb4d0b607", text);
    }

    [TestMethod]
    public void CryptographicRandomSourceFillsTheWholeBuffer()
    {
        // Two 32-byte draws from a CSPRNG are equal with probability 2^-256.
        var a = new byte[32];
        var b = new byte[32];
        var source = new CryptographicRandomSource();

        source.Fill(a);
        source.Fill(b);

        CollectionAssert.AreNotEqual(a, b);
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
