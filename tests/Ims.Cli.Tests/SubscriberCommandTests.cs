using Ims.Edge.Cli;

namespace Ims.Cli.Tests;

[TestClass]
public sealed class SubscriberCommandTests
{
    // TS 35.208 test set 1.
    private const string K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    private const string Op = "cdc202d5123e20f62b6d676ac72cb318";
    private const string Opc = "cd63cb71954a9f4e48a5994e37a02baf";

    [TestMethod]
    public void AddThenShowPrintsIdentitiesStateSqnAndSchemes()
    {
        using var data = new TempFolder();

        var (exit, output, error) = Run("subscriber", "add", "--data", data.Path, "--impi", "alice@ims.example",
            "--impu", "sip:alice@ims.example", "--impu", "tel:+15550100", "--k", K, "--op", Op, "--password", "secret");
        Assert.AreEqual(0, exit, error);
        Assert.AreEqual("added alice@ims.example with 2 IMPU(s)", output.Trim());

        (exit, output, error) = Run("subscriber", "show", "--data", data.Path, "alice@ims.example");
        Assert.AreEqual(0, exit, error);
        CollectionAssert.AreEqual(
            new[]
            {
                "impi: alice@ims.example",
                "impu: sip:alice@ims.example not-registered",
                "impu: tel:+15550100 not-registered",
                "sqn: 000000000000",
                "amf: 8000",
                "schemes: AKAv1-MD5 AKAv2-MD5 Digest-MD5",
                "realm: ims.example",
                "ifc: 0",
            },
            Lines(output));
        Assert.DoesNotContain(K, output);
    }

    [TestMethod]
    public void ShowAcceptsTheImpiAsAnOption()
    {
        using var data = new TempFolder();
        AddBob(data);

        var (exit, output, _) = Run("subscriber", "show", "--impi", "bob@ims.example", "--data", data.Path);

        Assert.AreEqual(0, exit);
        Assert.AreEqual("impi: bob@ims.example", Lines(output)[0]);
        Assert.AreEqual("schemes: AKAv1-MD5 AKAv2-MD5", Lines(output).Single(l => l.StartsWith("schemes:", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void AddWithAnIfcFileStoresItsCriteria()
    {
        using var data = new TempFolder();
        var ifc = System.IO.Path.Combine(data.Path, "ifc.xml");
        Directory.CreateDirectory(data.Path);
        File.WriteAllText(ifc, "<InitialFilterCriteria><Priority>1</Priority><ApplicationServer><ServerName>sip:as.ims.example</ServerName></ApplicationServer></InitialFilterCriteria>");

        var (exit, _, error) = Run("subscriber", "add", "--data", System.IO.Path.Combine(data.Path, "store"), "--impi", "bob@ims.example",
            "--impu", "sip:bob@ims.example", "--k", K, "--opc", Opc, "--ifc", ifc);
        Assert.AreEqual(0, exit, error);

        var (_, output, _) = Run("subscriber", "show", "--data", System.IO.Path.Combine(data.Path, "store"), "bob@ims.example");
        Assert.Contains("ifc: 1", Lines(output));
    }

    [TestMethod]
    [DataRow("--k", "xyz", "K is not hex")]
    [DataRow("--k", "465b5ce8b199b49faa5f0a2ee238a6", "K must be 16 bytes")]
    [DataRow("--amf", "80", "AMF must be 2 bytes")]
    [DataRow("--sqn", "0000", "SQN must be 6 bytes")]
    [DataRow("--impu", "alice@ims.example", "is not a sip:, sips: or tel: URI")]
    [DataRow("--impu", "sip:bob@ims.example", "is given twice")]
    [DataRow("--opc", Opc, "exactly one of OP and OPc")]
    [DataRow("--impi", "alice", "is not of the form user@domain")]
    public void BadInputGivesOneLineAndChangesNothing(string option, string value, string expected)
    {
        using var data = new TempFolder();
        AddBob(data);
        var args = new List<string> { "subscriber", "add", "--data", data.Path, "--op", Op };
        if (option != "--k")
        {
            args.AddRange(["--k", K]);
        }

        args.AddRange(option switch
        {
            "--impi" => ["--impi", value, "--impu", "sip:alice@ims.example"],
            "--impu" => ["--impi", "alice@ims.example", "--impu", "sip:bob@ims.example", "--impu", value],
            _ => ["--impi", "alice@ims.example", "--impu", "sip:alice@ims.example", option, value],
        });

        var before = Run("subscriber", "list", "--data", data.Path).Output;
        var (exit, output, error) = Run([.. args]);

        Assert.AreNotEqual(0, exit);
        Assert.AreEqual("", output);
        Assert.HasCount(1, Lines(error));
        Assert.StartsWith("ims: ", error);
        Assert.Contains(expected, error);
        Assert.AreEqual(before, Run("subscriber", "list", "--data", data.Path).Output);
    }

    [TestMethod]
    public void AnImpuOwnedByAnotherSubscriberIsRefused()
    {
        using var data = new TempFolder();
        AddBob(data);

        var (exit, _, error) = Run("subscriber", "add", "--data", data.Path, "--impi", "alice@ims.example",
            "--impu", "sip:alice@ims.example", "--impu", "sip:bob@ims.example", "--k", K, "--op", Op);

        Assert.AreEqual(1, exit);
        Assert.Contains("already belongs to 'bob@ims.example'", error);
        Assert.AreEqual("bob@ims.example sip:bob@ims.example", Run("subscriber", "list", "--data", data.Path).Output.Trim());
    }

    [TestMethod]
    public void AnUnreadableOrInvalidIfcFileIsRefused()
    {
        using var data = new TempFolder();
        Directory.CreateDirectory(data.Path);
        var invalid = System.IO.Path.Combine(data.Path, "bad.xml");
        File.WriteAllText(invalid, "<InitialFilterCriteria><Priority>1</Priority>");

        foreach (var file in new[] { System.IO.Path.Combine(data.Path, "missing.xml"), invalid })
        {
            var (exit, _, error) = Run("subscriber", "add", "--data", data.Path, "--impi", "alice@ims.example",
                "--impu", "sip:alice@ims.example", "--k", K, "--op", Op, "--ifc", file);
            Assert.AreEqual(1, exit);
            Assert.HasCount(1, Lines(error));
        }

        Assert.AreEqual("", Run("subscriber", "list", "--data", data.Path).Output);
    }

    [TestMethod]
    public void NeitherOpNorOpcIsRefused()
    {
        using var data = new TempFolder();
        var (exit, _, error) = Run("subscriber", "add", "--data", data.Path, "--impi", "alice@ims.example", "--impu", "sip:alice@ims.example", "--k", K);
        Assert.AreEqual(1, exit);
        Assert.Contains("exactly one of OP and OPc", error);
    }

    [TestMethod]
    public void ShowAndRemoveOfAnUnknownUserFail()
    {
        using var data = new TempFolder();
        var show = Run("subscriber", "show", "--data", data.Path, "nobody@ims.example");
        var remove = Run("subscriber", "remove", "--data", data.Path, "--impi", "nobody@ims.example");
        Assert.AreEqual(1, show.Exit);
        Assert.AreEqual("ims: unknown IMPI 'nobody@ims.example'", show.Error.Trim());
        Assert.AreEqual(1, remove.Exit);
        Assert.Contains("unknown IMPI", remove.Error);
    }

    [TestMethod]
    public void RemoveDeletesTheSubscriber()
    {
        using var data = new TempFolder();
        AddBob(data);

        var (exit, output, _) = Run("subscriber", "remove", "--data", data.Path, "--impi", "bob@ims.example");

        Assert.AreEqual(0, exit);
        Assert.AreEqual("removed bob@ims.example", output.Trim());
        Assert.AreEqual("", Run("subscriber", "list", "--data", data.Path).Output);
    }

    [TestMethod]
    public void ImportAddsAllOrNothing()
    {
        using var data = new TempFolder();
        Directory.CreateDirectory(data.Path);
        var good = System.IO.Path.Combine(data.Path, "good.json");
        var bad = System.IO.Path.Combine(data.Path, "bad.json");
        File.WriteAllText(good, $$"""[{"impi":"alice@ims.example","impus":["sip:alice@ims.example"],"k":"{{K}}","op":"{{Op}}"},{"impi":"bob@ims.example","impus":["sip:bob@ims.example"],"k":"{{K}}","opc":"{{Opc}}"}]""");
        File.WriteAllText(bad, $$"""[{"impi":"carol@ims.example","impus":["sip:carol@ims.example"],"k":"{{K}}","op":"{{Op}}"},{"impi":"dave@ims.example","impus":["dave"],"k":"{{K}}","op":"{{Op}}"}]""");

        var (exit, _, error) = Run("subscriber", "import", "--data", data.Path, bad);
        Assert.AreEqual(1, exit);
        Assert.HasCount(1, Lines(error));
        Assert.Contains("entry 1: IMPU 'dave'", error);
        Assert.AreEqual("", Run("subscriber", "list", "--data", data.Path).Output);

        (exit, _, error) = Run("subscriber", "import", "--data", data.Path, good);
        Assert.AreEqual(0, exit, error);
        CollectionAssert.AreEqual(
            new[] { "alice@ims.example sip:alice@ims.example", "bob@ims.example sip:bob@ims.example" },
            Lines(Run("subscriber", "list", "--data", data.Path).Output));
    }

    [TestMethod]
    public void ImportOfAMissingFileFails()
    {
        using var data = new TempFolder();
        var (exit, _, error) = Run("subscriber", "import", "--data", data.Path, System.IO.Path.Combine(data.Path, "none.json"));
        Assert.AreEqual(1, exit);
        Assert.Contains("cannot read", error);
    }

    [TestMethod]
    [DataRow("bad hex K", "--k", "zz5b5ce8b199b49faa5f0a2ee238a6bc", "K is not hex")]
    [DataRow("short K", "--k", "465b5ce8b199b49faa5f0a2ee238a6", "K must be 16 bytes")]
    [DataRow("short OP", "--op", "cdc202d5", "OP must be 16 bytes")]
    [DataRow("long AMF", "--amf", "800000", "AMF must be 2 bytes")]
    [DataRow("odd AMF", "--amf", "800", "AMF is not hex")]
    [DataRow("short SQN", "--sqn", "0000000000", "SQN must be 6 bytes")]
    [DataRow("both OP and OPc", "--opc", Opc, "exactly one of OP and OPc")]
    [DataRow("not a public identity", "--impu", "alice@ims.example", "is not a sip:, sips: or tel: URI")]
    [DataRow("duplicate IMPU", "--impu", "SIP:alice@IMS.example", "is given twice")]
    [DataRow("IMPI without a domain", "--impi", "alice", "is not of the form user@domain")]
    public void BadAddInputIsOneLineNonZeroAndWritesNothing(string why, string option, string value, string expected)
    {
        using var data = new TempFolder();
        AddBob(data);
        string[] args = ["subscriber", "add", "--data", data.Path, "--impu", "sip:alice@ims.example", "--k", K, "--op", Op];
        args = option switch
        {
            // Repeated or replacing options: the last --k/--op/--amf given wins, so put the bad one in place.
            "--k" or "--op" => [.. args.Select((a, i) => i > 0 && args[i - 1] == option ? value : a), "--impi", "alice@ims.example"],
            "--impi" => [.. args, "--impi", value],
            _ => [.. args, "--impi", "alice@ims.example", option, value],
        };

        var (exit, output, error) = Run(args);

        Assert.AreEqual(1, exit, why);
        Assert.AreEqual("", output, why);
        Assert.HasCount(1, Lines(error), why);
        Assert.StartsWith("ims: ", error, why);
        Assert.Contains(expected, error, why);
        Assert.DoesNotContain(option is "--k" or "--op" ? value : K, error, why);
        CollectionAssert.AreEqual(new[] { "bob@ims.example sip:bob@ims.example" }, Lines(Run("subscriber", "list", "--data", data.Path).Output), why);
    }

    [TestMethod]
    public void AStoreHeldByAnotherProcessIsOneLineNamingIt()
    {
        using var data = new TempFolder();
        AddBob(data);
        using (Ims.Storage.Embedded.EmbeddedTableStore.Open(System.IO.Path.Combine(data.Path, "store")))
        {
            var (exit, output, error) = Run("subscriber", "remove", "--data", data.Path, "bob@ims.example");

            Assert.AreEqual(1, exit);
            Assert.AreEqual("", output);
            Assert.HasCount(1, Lines(error));
            Assert.Contains("publishes no endpoint", error);
        }

        Assert.HasCount(1, Lines(Run("subscriber", "list", "--data", data.Path).Output));
    }

    private static void AddBob(TempFolder data)
    {
        var (exit, _, error) = Run("subscriber", "add", "--data", data.Path, "--impi", "bob@ims.example", "--impu", "sip:bob@ims.example", "--k", K, "--opc", Opc);
        Assert.AreEqual(0, exit, error);
    }

    private static List<string> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))];

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ImsCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ims-cli-subscriber", Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
