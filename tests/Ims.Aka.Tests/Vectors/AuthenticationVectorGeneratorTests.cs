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
