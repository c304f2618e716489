using Ims.Aka.Hex;

namespace Ims.Aka.Tests.Hex;

[TestClass]
public sealed class HexFieldTests
{
    [TestMethod]
    public void ParsesUpperAndLowerCaseHexOfTheRightLength()
    {
        var result = HexField.Parse("--amf", "B9b9", 2);

        Assert.IsTrue(result.Succeeded);
        CollectionAssert.AreEqual(new byte[] { 0xb9, 0xb9 }, result.Value);
        Assert.AreEqual("b9b9", HexField.Format(result.Value));
    }

    [TestMethod]
    [DataRow(null, HexError.Missing)]
    [DataRow("", HexError.Missing)]
    [DataRow("b9b", HexError.NotHex)]
    [DataRow("b9g9", HexError.NotHex)]
    [DataRow("0xb9b9", HexError.NotHex)]
    [DataRow("b9b9b9", HexError.WrongLength)]
    [DataRow("b9", HexError.WrongLength)]
    public void BadTextIsATypedFailureNamingTheField(string? text, HexError expected)
    {
        var result = HexField.Parse("--amf", text, 2);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(expected, result.Reason);
        Assert.StartsWith("--amf: ", result.Message);
    }

    [TestMethod]
    public void FailureNeverEchoesTheTextWhichMayBeAKey()
    {
        var result = HexField.Parse("--k", "465b5ce8b199b49faa5f0a2ee238a6bX", 16);

        Assert.AreEqual("--k: character 32 is not a hex digit", result.Message);
    }
}
