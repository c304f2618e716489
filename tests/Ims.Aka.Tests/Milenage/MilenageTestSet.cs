using Ims.Tests.Shared;

namespace Ims.Aka.Tests.Milenage;

/// <summary>One row of shared/testdata/milenage/vectors.tsv (TS 35.208 4.3 test sets 1-20).</summary>
internal sealed record MilenageTestSet(
    int Set,
    byte[] K,
    byte[] Rand,
    byte[] Sqn,
    byte[] Amf,
    byte[] Op,
    byte[] Opc,
    byte[] MacA,
    byte[] MacS,
    byte[] Res,
    byte[] Ak,
    byte[] Ck,
    byte[] Ik,
    byte[] AkStar)
{
    private static readonly Lazy<IReadOnlyList<MilenageTestSet>> AllSets = new(Load);

    public static IReadOnlyList<MilenageTestSet> All => AllSets.Value;

    public static MilenageTestSet Get(int set) => All.Single(s => s.Set == set);

    /// <summary>One data row per set number in the file, for [DynamicData].</summary>
    public static IEnumerable<object[]> SetNumbers => All.Select(s => new object[] { s.Set });

    private static List<MilenageTestSet> Load()
    {
        var lines = File.ReadAllLines(TestPaths.TestData("milenage", "vectors.tsv"));
        var header = lines[0].Split('\t');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0
            ? i
            : throw new InvalidDataException($"vectors.tsv has no column {name}");

        return lines.Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(f => new MilenageTestSet(
                int.Parse(f[Column("set")], System.Globalization.CultureInfo.InvariantCulture),
                Convert.FromHexString(f[Column("K")]),
                Convert.FromHexString(f[Column("RAND")]),
                Convert.FromHexString(f[Column("SQN")]),
                Convert.FromHexString(f[Column("AMF")]),
                Convert.FromHexString(f[Column("OP")]),
                Convert.FromHexString(f[Column("OPc")]),
                Convert.FromHexString(f[Column("f1_MAC_A")]),
                Convert.FromHexString(f[Column("f1star_MAC_S")]),
                Convert.FromHexString(f[Column("f2_RES")]),
                Convert.FromHexString(f[Column("f5_AK")]),
                Convert.FromHexString(f[Column("f3_CK")]),
                Convert.FromHexString(f[Column("f4_IK")]),
                Convert.FromHexString(f[Column("f5star_AKstar")])))
            .ToList();
    }
}
