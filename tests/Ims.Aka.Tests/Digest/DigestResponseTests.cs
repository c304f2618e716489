using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ims.Aka.Digest;
using Ims.Tests.Shared;

namespace Ims.Aka.Tests.Digest;

/// <summary>HTTP Digest against RFC 2617 3.5 and RFC 7616 3.9.1 (shared/testdata/digest).</summary>
[TestClass]
public sealed class DigestResponseTests
{
    public static IEnumerable<object[]> VectorIds =>
        VectorTable.ReadTsv("digest", "vectors.tsv").Select(row => new object[] { row["id"] });

    [TestMethod]
    public void VectorFileHoldsTheThreeRfcExamples()
    {
        CollectionAssert.AreEqual(
            new[] { "rfc2617-3.5-mufasa", "rfc7616-3.9.1-md5", "rfc7616-3.9.1-sha-256" },
            VectorIds.Select(r => (string)r[0]).ToList());
    }

    [TestMethod]
    [DynamicData(nameof(VectorIds))]
    public void Ha1Ha2AndResponseMatchRfcExample(string id)
    {
        var row = VectorTable.ReadTsv("digest", "vectors.tsv").Single(r => r["id"] == id);
        Assert.IsTrue(DigestAlgorithms.TryParse(row["algorithm"], out var algorithm));
        var hash = DigestAlgorithms.Hash(algorithm);
        Assert.AreEqual("auth", row["qop"]);

        var ha1 = DigestHa1.FromPassword(hash, row["username"], row["realm"], row["password"]);
        var parameters = new DigestResponseParameters(
            row["method"], row["uri"], row["nonce"], DigestQop.Auth, row["nc"], row["cnonce"]);

        Assert.AreEqual(row["HA1"], ha1.Hex, "HA1");
        Assert.AreEqual(row["HA2"], DigestResponse.Ha2(hash, row["method"], row["uri"]), "HA2");
        Assert.AreEqual(row["expected_response"], DigestResponse.Compute(ha1, parameters), "response");
        Assert.IsTrue(DigestResponse.Verify(ha1, parameters, row["expected_response"]).Succeeded);
    }

    [TestMethod]
    public void JsonVectorsAgreeWithTsvAndVerify()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(TestPaths.TestData("digest", "vectors.json")));
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.HasCount(3, rows);

        foreach (var row in rows)
        {
            string S(string name) => row.GetProperty(name).GetString()!;
            Assert.IsTrue(DigestAlgorithms.TryParse(S("algorithm"), out var algorithm));
            var ha1 = DigestHa1.FromPassword(DigestAlgorithms.Hash(algorithm), S("username"), S("realm"), S("password"));
            var parameters = new DigestResponseParameters(S("method"), S("uri"), S("nonce"), DigestQop.Auth, S("nc"), S("cnonce"));

            Assert.AreEqual(S("HA1"), ha1.Hex, S("id"));
            Assert.AreEqual(S("expected_response"), DigestResponse.Compute(ha1, parameters), S("id"));
        }
    }

    [TestMethod]
    public void Rfc2617MufasaExampleFromNameValueFile()
    {
        var e = VectorTable.ReadNameValue("digest", "rfc2617-mufasa.txt");
        var ha1 = DigestHa1.FromPassword(DigestHash.Md5, e["username"], e["realm"], e["password"]);
        var parameters = new DigestResponseParameters(e["method"], e["uri"], e["nonce"], DigestQop.Auth, e["nc"], e["cnonce"]);

        Assert.AreEqual(e["ha1"], ha1.Hex);
        Assert.AreEqual(e["response"], DigestResponse.Compute(ha1, parameters));
        Assert.IsTrue(DigestResponse.Verify(ha1, parameters, e["response"]).Succeeded);
        Assert.IsTrue(DigestResponse.Verify(ha1, parameters, e["response"].ToUpperInvariant()).Succeeded, "hex case is ignored");
    }

    [TestMethod]
    public void ResponseWithoutQopIsHashOfHa1NonceHa2()
    {
        // RFC 2617 3.2.2.1, no qop: request-digest = KD(H(A1), nonce ":" H(A2)); HA1/HA2 from the 3.5 example.
        var e = VectorTable.ReadNameValue("digest", "rfc2617-mufasa.txt");
        var ha1 = DigestHa1.FromPassword(DigestHash.Md5, e["username"], e["realm"], e["password"]);
        var expected = Convert.ToHexStringLower(MD5.HashData(Encoding.ASCII.GetBytes(
            $"939e7578ed9e3c518a452acee763bce9:{e["nonce"]}:39aff3a2bab6126f332b942af96d3366")));
        var parameters = new DigestResponseParameters(e["method"], e["uri"], e["nonce"]);

        Assert.AreEqual(expected, DigestResponse.Compute(ha1, parameters));
        Assert.IsTrue(DigestResponse.Verify(ha1, parameters, expected).Succeeded);
        Assert.AreNotEqual(expected, e["response"], "the qop=auth response differs");
    }

    [TestMethod]
    public void WrongPasswordMethodOrNcIsRefusedAsWrongResponse()
    {
        var e = VectorTable.ReadNameValue("digest", "rfc2617-mufasa.txt");
        var good = new DigestResponseParameters(e["method"], e["uri"], e["nonce"], DigestQop.Auth, e["nc"], e["cnonce"]);
        var ha1 = DigestHa1.FromPassword(DigestHash.Md5, e["username"], e["realm"], e["password"]);
        var wrongPassword = DigestHa1.FromPassword(DigestHash.Md5, e["username"], e["realm"], "Circle of Life");

        Assert.AreEqual(DigestError.WrongResponse, DigestResponse.Verify(wrongPassword, good, e["response"]).Reason);
        Assert.AreEqual(DigestError.WrongResponse, DigestResponse.Verify(ha1, good with { Method = "POST" }, e["response"]).Reason);
        Assert.AreEqual(DigestError.WrongResponse, DigestResponse.Verify(ha1, good with { Nc = "00000002" }, e["response"]).Reason);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("6629fae49393a05397450978507c4ef")]
    [DataRow("6629fae49393a05397450978507c4ef1a")]
    [DataRow("6629fae49393a05397450978507c4efz")]
    public void MalformedResponseIsATypedFailure(string? response)
    {
        var e = VectorTable.ReadNameValue("digest", "rfc2617-mufasa.txt");
        var ha1 = DigestHa1.FromPassword(DigestHash.Md5, e["username"], e["realm"], e["password"]);
        var parameters = new DigestResponseParameters(e["method"], e["uri"], e["nonce"], DigestQop.Auth, e["nc"], e["cnonce"]);

        Assert.AreEqual(DigestError.MalformedResponse, DigestResponse.Verify(ha1, parameters, response).Reason);
    }

    [TestMethod]
    public void QopAuthWithoutCnonceIsATypedFailure()
    {
        var ha1 = DigestHa1.FromPassword(DigestHash.Md5, "u", "r", "p");
        var parameters = new DigestResponseParameters("GET", "/", "n", DigestQop.Auth, "00000001", null);

        var result = DigestResponse.Verify(ha1, parameters, new string('0', 32));

        Assert.AreEqual(DigestError.MissingQopParameters, result.Reason);
    }

    [TestMethod]
    public void StoredHa1IsParsedAndNeverPrinted()
    {
        var parsed = DigestHa1.Parse(DigestHash.Md5, "939E7578ED9E3C518A452ACEE763BCE9");

        Assert.IsTrue(parsed.Succeeded);
        Assert.AreEqual("939e7578ed9e3c518a452acee763bce9", parsed.Value.Hex);
        Assert.DoesNotContain("939e", parsed.Value.ToString());
        Assert.AreEqual(DigestError.MalformedHa1, DigestHa1.Parse(DigestHash.Sha256, "939e7578ed9e3c518a452acee763bce9").Reason);
        Assert.AreEqual(DigestError.MalformedHa1, DigestHa1.Parse(DigestHash.Md5, "x39e7578ed9e3c518a452acee763bce9").Reason);
        Assert.AreEqual(DigestError.MalformedHa1, DigestHa1.Parse(DigestHash.Md5, null).Reason);
    }

    [TestMethod]
    [DataRow("MD5", DigestAlgorithm.Md5)]
    [DataRow("sha-256", DigestAlgorithm.Sha256)]
    [DataRow("AKAv1-MD5", DigestAlgorithm.AkaV1Md5)]
    [DataRow("akav2-md5", DigestAlgorithm.AkaV2Md5)]
    public void AlgorithmTokensRoundTrip(string token, DigestAlgorithm expected)
    {
        Assert.IsTrue(DigestAlgorithms.TryParse(token, out var algorithm));
        Assert.AreEqual(expected, algorithm);
        Assert.IsTrue(string.Equals(token, DigestAlgorithms.Token(algorithm), StringComparison.OrdinalIgnoreCase));
        Assert.IsFalse(DigestAlgorithms.TryParse("MD5-sess", out _));
    }
}
