using Ims.Aka.Hex;
using Ims.Aka.Milenage;

namespace Ims.Aka.Tests.Milenage;

[TestClass]
public sealed class SubscriberKeysParseTests
{
    [TestMethod]
    public void KAndOpGiveTheTestSetOpc()
    {
        var v = MilenageTestSet.Get(1);

        var result = SubscriberKeys.Parse(Convert.ToHexString(v.K), Convert.ToHexStringLower(v.Op), null);

        Assert.IsTrue(result.Succeeded, result.Message);
        CollectionAssert.AreEqual(v.K, result.Value.K.ToArray());
        CollectionAssert.AreEqual(v.Opc, result.Value.Opc.ToArray());
        Assert.AreEqual("Success(SubscriberKeys)", result.ToString(), "the result never expands the keys");
        Assert.AreEqual("SubscriberKeys { K = [redacted], Opc = [redacted] }", result.Value.ToString());
    }

    [TestMethod]
    public void KAndOpcAreTakenAsGiven()
    {
        var v = MilenageTestSet.Get(7);

        var result = SubscriberKeys.Parse(Convert.ToHexStringLower(v.K), null, Convert.ToHexStringLower(v.Opc));

        Assert.IsTrue(result.Succeeded, result.Message);
        CollectionAssert.AreEqual(v.Opc, result.Value.Opc.ToArray());
    }

    [TestMethod]
    [DataRow("465b5ce8b199b49faa5f0a2ee238a6bc", "cdc202d5123e20f62b6d676ac72cb318", "cd63cb71954a9f4e48a5994e37a02baf", HexError.NotExactlyOne, "give exactly one of OP and OPc")]
    [DataRow("465b5ce8b199b49faa5f0a2ee238a6bc", null, null, HexError.NotExactlyOne, "give exactly one of OP and OPc")]
    [DataRow(null, "cdc202d5123e20f62b6d676ac72cb318", null, HexError.Missing, "K: no value given")]
    [DataRow("465b5ce8b199b49faa5f0a2ee238a6", "cdc202d5123e20f62b6d676ac72cb318", null, HexError.WrongLength, "K: expected 16 bytes (32 hex digits), got 15")]
    [DataRow("465b5ce8b199b49faa5f0a2ee238a6bc", "cdc202d5123e20f62b6d676ac72cb31g", null, HexError.NotHex, "OP: character 32 is not a hex digit")]
    [DataRow("465b5ce8b199b49faa5f0a2ee238a6bc", null, "cd63cb71954a9f4e48a5994e37a02ba", HexError.NotHex, "OPc: odd number of hex digits (31)")]
    public void BadKeyTextIsATypedFailure(string? k, string? op, string? opc, HexError expected, string message)
    {
        var result = SubscriberKeys.Parse(k, op, opc);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(expected, result.Reason);
        Assert.AreEqual(message, result.Message);
    }
}
