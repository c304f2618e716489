using System.Reflection;

namespace Ims.Tests.Shared;

/// <summary>
/// Where the public conformance vectors and the repository live. The build records both paths;
/// IMS_TESTDATA overrides the vectors' folder. A missing folder fails the test loudly rather
/// than letting a conformance test pass on nothing.
/// </summary>
internal static class TestPaths
{
    public static string TestData(params string[] parts)
    {
        var root = Environment.GetEnvironmentVariable("IMS_TESTDATA") ?? Metadata("ImsTestData");
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"test vectors not found at {root}; set IMS_TESTDATA to shared/testdata");
        }

        var path = Path.Combine([root, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"test vector not found: {path}");
        }

        return path;
    }

    public static string RepoRoot => Metadata("ImsRepoRoot");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata {key} missing");
}
