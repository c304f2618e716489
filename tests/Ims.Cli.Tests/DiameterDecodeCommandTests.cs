using Ims.Edge.Cli;
using Ims.Tests.Shared;

namespace Ims.Cli.Tests;

[TestClass]
public sealed class DiameterDecodeCommandTests
{
    [TestMethod]
    public void DecodesHexVectorIntoHeaderAndIndentedAvpTree()
    {
        var (exit, output, error) = Run("diameter", "decode", TestPaths.TestData("diameter", "pyhss_cx_mar.hex"));

        Assert.AreEqual(0, exit, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.AreEqual("Multimedia-Auth-Request (MAR) code=303 flags=RP application=16777216 (Cx) hop-by-hop=0xc14467eb end-to-end=0xddee626e length=360", lines[0]);
        Assert.Contains("  Session-Id code=263 flags=M len=38 = '6873733031;53ca4d5113;1;app_cx'", lines);
        Assert.Contains("  SIP-Auth-Data-Item code=612 vendor=10415 flags=VM len=40 (grouped)", lines);
        Assert.Contains("    SIP-Authentication-Scheme code=608 vendor=10415 flags=VM len=28 = 'Digest-AKAv1-MD5'", lines);
        Assert.Contains("  SIP-Number-Auth-Items code=607 vendor=10415 flags=VM len=16 = 1", lines);
        Assert.HasCount(15, lines);
        Assert.AreEqual("", error);
    }

    [TestMethod]
    public void DecodesBinaryFileAndPrintsAddressesDotted()
    {
        var binary = Path.Combine(Path.GetTempPath(), $"cer-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(binary, Convert.FromHexString(File.ReadAllText(TestPaths.TestData("diameter", "pyhss_cer.hex")).Trim()));
        try
        {
            var (exit, output, _) = Run("diameter", "decode", binary);

            Assert.AreEqual(0, exit);
            Assert.StartsWith("Capabilities-Exchange-Request (CER) code=257 flags=R application=0 (Common)", output);
            Assert.Contains("  Host-IP-Address code=257 flags=M len=14 = 127.0.1.1", output);
            Assert.Contains("    Auth-Application-Id code=258 flags=M len=12 = 16777216", output);
        }
        finally
        {
            File.Delete(binary);
        }
    }

    [TestMethod]
    public void UndecodableFileFailsWithOneLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.hex");
        File.WriteAllText(path, "0100001480000118000000000000000100000002ff");
        try
        {
            var (exit, output, error) = Run("diameter", "decode", path);

            Assert.AreEqual(1, exit);
            Assert.AreEqual("", output);
            Assert.HasCount(1, error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("DIAMETER_INVALID_MESSAGE_LENGTH", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void MissingFileFailsWithOneLine()
    {
        var (exit, output, error) = Run("diameter", "decode", "/nonexistent/message.hex");

        Assert.AreEqual(1, exit);
        Assert.AreEqual("", output);
        Assert.StartsWith("ims: ", error);
        Assert.HasCount(1, error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ImsCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
