using Ims.Tests.Shared;

namespace Ims.Sip.Tests;

/// <summary>The RFC 4475 and RFC 5118 torture messages, read from shared/testdata with their index rows.</summary>
internal static class TortureVectors
{
    public static byte[] Bytes(string folder, string file) => File.ReadAllBytes(TestPaths.TestData(folder, file));

    public static IEnumerable<(string File, string Class, string Section)> Index(string folder) =>
        File.ReadAllLines(TestPaths.TestData(folder, "index.tsv"))
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(c => (c[0], c[1], c[2]));
}
