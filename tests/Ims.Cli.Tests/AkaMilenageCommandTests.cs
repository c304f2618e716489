using Ims.Edge.Cli;

namespace Ims.Cli.Tests;

/// <summary>`ims aka milenage` in-process against TS 35.208 test set 1 (shared/testdata/milenage/vectors.tsv).</summary>
[TestClass]
public sealed class AkaMilenageCommandTests
{
    private const string K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    private const string Op = "cdc202d5123e20f62b6d676ac72cb318";
    private const string Opc = "cd63cb71954a9f4e48a5994e37a02baf";
    private const string Rand = "23553cbe9637a89d218ae64dae47bf35";
    private const string Sqn = "ff9bb4d0b607";
    private const string Amf = "b9b9";

    private static readonly string[] Set1Output =
    [
        "OPc: cd63cb71954a9f4e48a5994e37a02baf",
        "MAC-A: 4a9ffac354dfafb3",
        "MAC-S: 01cfaf9ec4e871e9",
        "RES: a54211d5e3ba50bf",
        "CK: b40ba9a3c58b2a05bbf0d987b21bf8cb",
        "IK: f769bcd751044604127672711c6d3441",
        "AK: aa689c648370",
        "AK*: 451e8beca43b",
        "AUTN: 55f328b43577b9b94a9ffac354dfafb3",
    ];

    [TestMethod]
    public void PrintsEveryOutputOfTestSet1FromOp()
    {
        var (code, output, error) = Run("aka", "milenage", "--k", K, "--op", Op, "--rand", Rand, "--sqn", Sqn, "--amf", Amf);

        Assert.AreEqual(0, code, error);
        CollectionAssert.AreEqual(Set1Output, Lines(output));
        Assert.AreEqual(string.Empty, error);
    }

    [TestMethod]
    public void PrintsTheSameFromOpcInUpperCaseHex()
    {
        var (code, output, error) = Run(
            "aka", "milenage", "--k", K.ToUpperInvariant(), "--opc", Opc.ToUpperInvariant(), "--rand", Rand, "--sqn", Sqn, "--amf", "B9B9");

        Assert.AreEqual(0, code, error);
        CollectionAssert.AreEqual(Set1Output, Lines(output));
    }

    [TestMethod]
    [DataRow("--op", Op, "--opc", Opc, "give exactly one of --op and --opc")]
    [DataRow("--k", "465b5ce8b199b49faa5f0a2ee238a6", "--op", Op, "--k: expected 16 bytes (32 hex digits), got 15")]
    [DataRow("--k", K, "--op", "cdc202d5123e20f62b6d676ac72cb31z", "--op: character 32 is not a hex digit")]
    [DataRow("--k", K, "--opc", "cd63cb7", "--opc: odd number of hex digits (7)")]
    public void BadKeysGiveOneLineAndExitOne(string name1, string value1, string name2, string value2, string message)
    {
        string[] args = ["aka", "milenage", "--rand", Rand, "--sqn", Sqn, "--amf", Amf, name1, value1, name2, value2];
        if (name1 != "--k")
        {
            args = [.. args, "--k", K];
        }

        var (code, output, error) = Run(args);

        Assert.AreEqual(1, code);
        Assert.AreEqual(string.Empty, output);
        Assert.AreEqual($"ims: {message}", error.TrimEnd());
    }

    [TestMethod]
    [DataRow("--rand", "23553cbe9637a89d218ae64dae47bf", "--rand: expected 16 bytes (32 hex digits), got 15")]
    [DataRow("--sqn", "ff9bb4d0b60700", "--sqn: expected 6 bytes (12 hex digits), got 7")]
    [DataRow("--amf", "b9", "--amf: expected 2 bytes (4 hex digits), got 1")]
    [DataRow("--amf", "zz", "--amf: character 1 is not a hex digit")]
    public void BadChallengeFieldsGiveOneLineAndExitOne(string name, string value, string message)
    {
        var values = new Dictionary<string, string> { ["--rand"] = Rand, ["--sqn"] = Sqn, ["--amf"] = Amf };
        values[name] = value;
        string[] args = ["aka", "milenage", "--k", K, "--op", Op, .. values.SelectMany(p => new[] { p.Key, p.Value })];

        var (code, output, error) = Run(args);

        Assert.AreEqual(1, code);
        Assert.AreEqual(string.Empty, output);
        Assert.AreEqual($"ims: {message}", error.TrimEnd());
    }

    [TestMethod]
    public void NeitherOpNorOpcIsRefused()
    {
        var (code, output, error) = Run("aka", "milenage", "--k", K, "--rand", Rand, "--sqn", Sqn, "--amf", Amf);

        Assert.AreEqual(1, code);
        Assert.AreEqual(string.Empty, output);
        Assert.AreEqual("ims: give exactly one of --op and --opc", error.TrimEnd());
    }

    [TestMethod]
    public void MissingRequiredOptionIsAUsageError()
    {
        var (code, output, error) = Run("aka", "milenage", "--k", K, "--op", Op, "--rand", Rand, "--sqn", Sqn);

        Assert.AreEqual(ImsCli.UsageError, code);
        Assert.AreEqual(string.Empty, output);
        Assert.HasCount(1, Lines(error));
        Assert.Contains("--amf", error);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ImsCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
