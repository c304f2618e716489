using Ims.Tests.Shared;

namespace Ims.Aka.Tests.Digest;

/// <summary>Reads the tab-separated vector files and the `name: value` example files in shared/testdata.</summary>
internal static class VectorTable
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadTsv(params string[] path)
    {
        var lines = File.ReadAllLines(TestPaths.TestData(path)).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split('\t');
        return lines.Skip(1)
            .Select(line => line.Split('\t'))
            .Select(fields => (IReadOnlyDictionary<string, string>)header
                .Select((name, i) => (name, value: i < fields.Length ? fields[i] : string.Empty))
                .ToDictionary(p => p.name, p => p.value))
            .ToList();
    }

    public static IReadOnlyDictionary<string, string> ReadNameValue(params string[] path) =>
        File.ReadAllLines(TestPaths.TestData(path))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(": ", 2))
            .ToDictionary(p => p[0], p => p[1]);
}
