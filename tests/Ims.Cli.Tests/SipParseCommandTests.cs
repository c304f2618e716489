using Ims.Edge.Cli;
using Ims.Tests.Shared;

namespace Ims.Cli.Tests;

[TestClass]
public sealed class SipParseCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ImsCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [TestMethod]
    public void AValidMessagePrintsItsSummary()
    {
        var (exit, output, error) = Run("sip", "parse", TestPaths.TestData("sip-torture", "esc01.dat"));

        Assert.AreEqual(0, exit, error);
        CollectionAssert.AreEqual(
            new[]
            {
                "INVITE sip:sips%3Auser%40example.com@example.net",
                "Call-ID: esc01.239409asdfakjkn23onasd0-3234",
                "CSeq: 234234 INVITE",
                "Headers: 9",
                "Body: 150 bytes",
            },
            output.TrimEnd().Split(Environment.NewLine));
    }

    [TestMethod]
    public void AResponsePrintsItsStatusLine()
    {
        var (exit, output, _) = Run("sip", "parse", TestPaths.TestData("sip-torture", "noreason.dat"));

        Assert.AreEqual(0, exit);
        StringAssert.StartsWith(output, "SIP/2.0 100 ");
    }

    [TestMethod]
    [DataRow("mismatch01.dat", "400 CSeq method does not match the request method: OPTIONS vs CSeq INVITE")]
    [DataRow("badvers.dat", "505 SIP version not supported")]
    public void AnInvalidMessageGivesTheReasonOnOneLineAndExitOne(string file, string reason)
    {
        var path = TestPaths.TestData("sip-torture", file);

        var (exit, output, error) = Run("sip", "parse", path);

        Assert.AreEqual(1, exit);
        Assert.AreEqual(string.Empty, output);
        Assert.AreEqual($"ims: {path}: {reason}", error.TrimEnd());
    }

    [TestMethod]
    public void AMissingFileIsOneLineAndExitOne()
    {
        var (exit, _, error) = Run("sip", "parse", "/no/such/message.sip");

        Assert.AreEqual(1, exit);
        StringAssert.StartsWith(error, "ims: cannot read /no/such/message.sip: ");
        Assert.AreEqual(1, error.TrimEnd().Split('\n').Length);
    }

    [TestMethod]
    public void TheStreamRulesRequireContentLength()
    {
        var (exit, _, error) = Run("sip", "parse", "--stream", TestPaths.TestData("sip-torture", "inv2543.dat"));

        Assert.AreEqual(1, exit);
        StringAssert.Contains(error, "Content-Length required on a stream transport");
    }

    [TestMethod]
    public void AMissingArgumentIsAUsageErrorInOneLine()
    {
        var (exit, _, error) = Run("sip", "parse");

        Assert.AreEqual(ImsCli.UsageError, exit);
        Assert.AreEqual(1, error.TrimEnd().Split('\n').Length, error);
    }
}
