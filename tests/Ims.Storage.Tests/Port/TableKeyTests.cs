namespace Ims.Storage.Tests.Port;

[TestClass]
public sealed class TableKeyTests
{
    [TestMethod]
    [DataRow("sip:alice@ims.example")]
    [DataRow("tel:+15550100")]
    [DataRow("")]
    public void PlainIdentitiesAreValidKeysAndEncodeToThemselves(string identity)
    {
        Assert.IsNull(TableKey.Problem(identity));
        Assert.AreEqual(identity, TableKey.Encode(identity));
    }

    [TestMethod]
    [DataRow("a/b")]
    [DataRow("a\\b")]
    [DataRow("a#b")]
    [DataRow("sip:a@b?subject=x")]
    [DataRow("tab\there")]
    [DataRow("c1\u0085")]
    public void ForbiddenCharactersAreRefusedAndEncodeToAValidReversibleKey(string value)
    {
        var encoded = TableKey.Encode(value);

        Assert.IsNotNull(TableKey.Problem(value));
        Assert.ThrowsExactly<ArgumentException>(() => new TableEntity(value, "r"));
        Assert.IsNull(TableKey.Problem(encoded));
        Assert.AreEqual(value, TableKey.Decode(encoded));
    }

    [TestMethod]
    public void PercentIsEscapedSoDecodingIsExact()
    {
        var encoded = TableKey.Encode("100%/%2F");

        Assert.AreEqual("100%25%2F%252F", encoded);
        Assert.AreEqual("100%/%2F", TableKey.Decode(encoded));
    }

    [TestMethod]
    public void KeyLongerThanAzureAllowsIsRefused()
    {
        Assert.IsNull(TableKey.Problem(new string('k', TableKey.MaxLength)));
        Assert.IsNotNull(TableKey.Problem(new string('k', TableKey.MaxLength + 1)));
    }

    [TestMethod]
    [DataRow("Impi", true)]
    [DataRow("Registrations", true)]
    [DataRow("ab", false)]
    [DataRow("1abc", false)]
    [DataRow("with-dash", false)]
    [DataRow("tables", false)]
    public void TableNamesFollowAzureRules(string name, bool valid) => Assert.AreEqual(valid, TableName.IsValid(name));
}
