using System.Reflection;

namespace Ims.Architecture.Tests;

/// <summary>
/// Keeps the layering true by reading assembly references: protocol libraries are pure and
/// reference only the BCL, so they can run in any host (embedded, Azure Functions, replay).
/// </summary>
[TestClass]
public sealed class ProtocolLibraryReferenceTests
{
    [TestMethod]
    [DataRow("Ims.Sip")]
    [DataRow("Ims.Diameter")]
    [DataRow("Ims.Aka")]
    [DataRow("Ims.Ifc")]
    [DataRow("Ims.Events")]
    public void ProtocolLibraryReferencesOnlyTheBaseClassLibrary(string name)
    {
        var assembly = Assembly.Load(name);
        var foreign = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(r => !IsBaseClassLibrary(r))
            .ToList();

        Assert.IsEmpty(foreign, $"{name} references {string.Join(", ", foreign)}");
    }

    [TestMethod]
    [DataRow("Ims.Sip")]
    [DataRow("Ims.Diameter")]
    [DataRow("Ims.Aka")]
    [DataRow("Ims.Ifc")]
    [DataRow("Ims.Events")]
    public void ProtocolLibraryReferencesNoNetworking(string name)
    {
        var assembly = Assembly.Load(name);
        var networking = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(r => r.StartsWith("System.Net", StringComparison.Ordinal))
            .ToList();

        Assert.IsEmpty(networking, $"{name} references {string.Join(", ", networking)}");
    }

    private static bool IsBaseClassLibrary(string name) =>
        name is "System.Runtime" or "netstandard" or "mscorlib" or "System.Private.CoreLib"
        || (name.StartsWith("System.", StringComparison.Ordinal) && !name.StartsWith("System.Net", StringComparison.Ordinal))
        || name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal);
}
