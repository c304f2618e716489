using System.Reflection;

namespace Ims.Architecture.Tests;

/// <summary>
/// Functions make every IMS decision and must run unchanged in the embedded host, the Azure
/// Functions worker and replay: they reference no networking, no Azure SDK, no adapter — only ports.
/// </summary>
[TestClass]
public sealed class FunctionReferenceTests
{
    [TestMethod]
    [DataRow("Ims.Functions")]
    [DataRow("Ims.Hss")]
    [DataRow("Ims.Cscf")]
    [DataRow("Ims.Functions.Catalog")]
    public void FunctionReferencesNoNetworkingNoAzureSdkAndNoAdapter(string name)
    {
        var forbidden = AllReferences(Assembly.Load(name))
            .Where(r => r.StartsWith("System.Net", StringComparison.Ordinal)
                || r.StartsWith("Azure.", StringComparison.Ordinal)
                || r.StartsWith("Microsoft.Azure.", StringComparison.Ordinal)
                || r.StartsWith("Dapr", StringComparison.Ordinal)
                || r is "Ims.Storage.Embedded" or "Ims.Storage.AzureTables" or "Ims.Storage.Http" or "Ims.Bus" or "Ims.EventLog"
                || r.StartsWith("Ims.Diameter.Peers", StringComparison.Ordinal)
                || r == "ims")
            .ToList();

        Assert.IsEmpty(forbidden, $"{name} reaches {string.Join(", ", forbidden)}");
    }

    // Every assembly reachable from this one through Ims.* references (what the function drags into any host).
    private static HashSet<string> AllReferences(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (seen.Add(reference.Name!) && reference.Name!.StartsWith("Ims.", StringComparison.Ordinal))
                {
                    pending.Enqueue(Assembly.Load(reference));
                }
            }
        }

        return seen;
    }
}
