using System.Text;
using Ims.Aka.Digest;
using Ims.Aka.Milenage;
using Ims.Aka.Sequence;
using Ims.Aka.Vectors;

namespace Ims.Aka.Tests.Digest;

/// <summary>Digest AKA (RFC 3310, RFC 4169) against shared/testdata/digest-aka.</summary>
[TestClass]
public sealed class DigestAkaTests
{
    public static IEnumerable<object[]> WorkedExampleNames =>
        VectorTable.ReadTsv("digest-aka", "worked-examples.tsv").Select(r => new object[] { r["name"] });

    [TestMethod]
    public void RegisterSet1FromMilenageToNonceAndBothResponses()
    {
        var e = VectorTable.ReadNameValue("digest-aka", "register-set1.txt");
        using var milenage = new MilenageAlgorithm(SubscriberKeys.FromOp(Bytes(e["k"]), Bytes(e["op"])));
        var vector = AuthenticationVectorGenerator.Generate(
            milenage, Bytes(e["rand"]), SequenceNumber.FromBytes(Bytes(e["sqn"])), Convert.ToUInt16(e["amf"], 16));

        Assert.AreEqual(e["res"], Hex(vector.Xres.Span));
        Assert.AreEqual(e["ck"], Hex(vector.Ck.Span));
        Assert.AreEqual(e["ik"], Hex(vector.Ik.Span));
        Assert.AreEqual(e["autn"], Hex(vector.Autn.Span));
        Assert.AreEqual(e["nonce"], AkaNonce.FromVector(vector).Encode());
        Assert.AreEqual(e["akav1_md5_password_hex"], Hex(AkaDigestPassword.AkaV1(vector.Xres.Span)));
        Assert.AreEqual(
            e["akav2_md5_password"],
            Encoding.ASCII.GetString(AkaDigestPassword.AkaV2(vector.Xres.Span, vector.Ik.Span, vector.Ck.Span)));

        var parameters = new DigestResponseParameters(e["method"], e["uri"], e["nonce"], DigestQop.Auth, e["nc"], e["cnonce"]);
        var v1 = DigestHa1.ForAka(DigestAlgorithm.AkaV1Md5, e["username"], e["realm"], vector);
        var v2 = DigestHa1.ForAka(DigestAlgorithm.AkaV2Md5, e["username"], e["realm"], vector);

        Assert.AreEqual(e["akav1_md5_response"], DigestResponse.Compute(v1, parameters));
        Assert.AreEqual(e["akav2_md5_response"], DigestResponse.Compute(v2, parameters));
        Assert.IsTrue(DigestResponse.Verify(v1, parameters, e["akav1_md5_response"]).Succeeded);
        Assert.IsTrue(DigestResponse.Verify(v2, parameters, e["akav2_md5_response"]).Succeeded);
        Assert.AreEqual(DigestError.WrongResponse, DigestResponse.Verify(v1, parameters, e["akav2_md5_response"]).Reason);
    }

    [TestMethod]
    public void WorkedExampleFileHoldsThreePublishedExamples()
    {
        CollectionAssert.AreEqual(
            new[] { "sprout-akav2", "testalg-anritsu", "testalg-iphone" },
            WorkedExampleNames.Select(r => (string)r[0]).ToList());
    }

    [TestMethod]
    [DynamicData(nameof(WorkedExampleNames))]
    public void PasswordHa1Ha2AndResponseMatchPublishedExample(string name)
    {
        var row = VectorTable.ReadTsv("digest-aka", "worked-examples.tsv").Single(r => r["name"] == name);
        Assert.IsTrue(DigestAlgorithms.TryParse(row["algorithm"], out var algorithm));
        var res = Bytes(row["res"]);
        var ik = Bytes(row["ik"]);
        var ck = Bytes(row["ck"]);

        var password = algorithm == DigestAlgorithm.AkaV1Md5
            ? AkaDigestPassword.AkaV1(res)
            : AkaDigestPassword.AkaV2(res, ik, ck);
        var ha1 = DigestHa1.ForAka(algorithm, row["username"], row["realm"], res, ik, ck);
        var parameters = new DigestResponseParameters(row["method"], row["uri"], row["nonce"], DigestQop.Auth, row["nc"], row["cnonce"]);

        Assert.AreEqual("auth", row["qop"]);
        Assert.AreEqual(row["password_hex"], Hex(password), "password bytes");
        if (row["password_text"].Length > 0)
        {
            Assert.AreEqual(row["password_text"], Encoding.ASCII.GetString(password), "AKAv2 password text");
        }

        Assert.AreEqual(row["ha1"], ha1.Hex, "HA1");
        Assert.AreEqual(row["ha2"], DigestResponse.Ha2(DigestHash.Md5, row["method"], row["uri"]), "HA2");
        Assert.AreEqual(row["response"], DigestResponse.Compute(ha1, parameters), "response");
        Assert.IsTrue(DigestResponse.Verify(ha1, parameters, row["response"]).Succeeded);
    }

    [TestMethod]
    [DataRow("testalg-anritsu")]
    [DataRow("testalg-iphone")]
    public void TestAlgorithmNonceIsBase64OfRandAndAutnAndDecodesBack(string name)
    {
        var row = VectorTable.ReadTsv("digest-aka", "worked-examples.tsv").Single(r => r["name"] == name);
        var nonce = new AkaNonce(Bytes(row["rand"]), Bytes(row["autn"]));

        Assert.AreEqual(row["nonce"], nonce.Encode());
        var decoded = AkaNonce.Decode(row["nonce"]);
        Assert.IsTrue(decoded.Succeeded, decoded.Message);
        Assert.AreEqual(row["rand"], Hex(decoded.Value.Rand.Span));
        Assert.AreEqual(row["autn"], Hex(decoded.Value.Autn.Span));
        Assert.IsTrue(decoded.Value.ServerData.IsEmpty);
    }

    [TestMethod]
    public void AkaV1PasswordKeepsNulBytesOfRes()
    {
        // testalg-anritsu: RES 000102...0f starts with NUL; a C-string password would be empty.
        var res = Bytes("000102030405060708090a0b0c0d0e0f");
        var withNul = DigestHa1.ForAka(DigestAlgorithm.AkaV1Md5, "u", "r", res, [], []);
        var truncated = DigestHa1.FromPassword(DigestHash.Md5, "u", "r", ReadOnlySpan<byte>.Empty);

        CollectionAssert.AreEqual(res, AkaDigestPassword.AkaV1(res));
        Assert.AreNotEqual(truncated.Hex, withNul.Hex);
    }

    [TestMethod]
    public void NonceWithServerDataRoundTrips()
    {
        var e = VectorTable.ReadNameValue("digest-aka", "register-set1.txt");
        byte[] serverData = [0xde, 0xad, 0x00, 0xbe, 0xef];

        var text = new AkaNonce(Bytes(e["rand"]), Bytes(e["autn"]), serverData).Encode();
        var decoded = AkaNonce.Decode(text).Value;

        Assert.AreEqual(e["rand"], Hex(decoded.Rand.Span));
        Assert.AreEqual(e["autn"], Hex(decoded.Autn.Span));
        CollectionAssert.AreEqual(serverData, decoded.ServerData.ToArray());
        Assert.StartsWith(e["nonce"][..40], text);
    }

    [TestMethod]
    public void NonceFromCxSipAuthenticateIsTheRegisterExampleNonce()
    {
        var e = VectorTable.ReadNameValue("digest-aka", "register-set1.txt");
        byte[] sipAuthenticate = [.. Bytes(e["rand"]), .. Bytes(e["autn"])];

        var nonce = AkaNonce.FromSipAuthenticate(sipAuthenticate);

        Assert.IsTrue(nonce.Succeeded, nonce.Message);
        Assert.AreEqual(e["nonce"], nonce.Value.Encode());
        Assert.AreEqual(AkaNonceError.WrongLength, AkaNonce.FromSipAuthenticate(sipAuthenticate.AsSpan(0, 31)).Reason);
        Assert.AreEqual(AkaNonceError.WrongLength, AkaNonce.FromSipAuthenticate([.. sipAuthenticate, 0]).Reason);
    }

    [TestMethod]
    [DataRow(null, AkaNonceError.TooShort)]
    [DataRow("not base64!", AkaNonceError.NotBase64)]
    [DataRow("I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7", AkaNonceError.NotBase64)]
    [DataRow("", AkaNonceError.TooShort)]
    [DataRow("I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tf", AkaNonceError.TooShort)]
    public void BadNonceIsATypedFailure(string? nonce, AkaNonceError expected)
    {
        var result = AkaNonce.Decode(nonce);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(expected, result.Reason);
    }

    private static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
