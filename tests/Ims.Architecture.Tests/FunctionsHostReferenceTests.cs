using System.Reflection;

namespace Ims.Architecture.Tests;

/// <summary>
/// The Azure Functions app hosts the functions and the cloud adapters, never the edge: no SIP
/// transports or transactions (they live in the `ims` executable), no Diameter peer runtime, no
/// embedded-only infrastructure. The pure message libraries (Ims.Sip, Ims.Diameter) are the
/// functions' own vocabulary and are allowed. Whatever it needs from the embedded host (the
/// function list) lives on the functions side, and what it shares with the event log (the record
/// and line format of decisions) lives in Ims.EventLog.Records, not in the file log.
/// </summary>
[TestClass]
public sealed class FunctionsHostReferenceTests
{
    [TestMethod]
    public void TheFunctionsAppReachesNoEdgeAssembly()
    {
        var forbidden = AllImsReferences(Assembly.Load("Ims.Functions.Azure"))
            .Where(r => r is "ims" or "Ims.Storage.Embedded" or "Ims.Storage.Http" or "Ims.EventLog"
                || r.StartsWith("Ims.Diameter.Peers", StringComparison.Ordinal)
                || r.StartsWith("Ims.Edge", StringComparison.Ordinal))
            .ToList();

        Assert.IsEmpty(forbidden, $"Ims.Functions.Azure reaches {string.Join(", ", forbidden)}");
    }

    [TestMethod]
    public void TheFunctionsAppPublishesDecisionsInTheLogsRecordFormatWithoutTheFileLog()
    {
        // Replay reads one record format from the file log and from the decisions hub; the files
        // themselves (writer, rotation, reader) stay with the embedded host.
        var references = AllImsReferences(Assembly.Load("Ims.Functions.Azure"));

        Assert.Contains("Ims.EventLog.Records", references);
        Assert.DoesNotContain("Ims.EventLog", references);
        Assert.DoesNotContain("Ims.EventLog", AllImsReferences(Assembly.Load("Ims.EventLog.Records")));
    }

    [TestMethod]
    public void TheFunctionsAppRunsTheSharedCatalog()
    {
        // The same list ims up runs: a second composition in the app could drift from it.
        var references = AllImsReferences(Assembly.Load("Ims.Functions.Azure"));

        Assert.Contains("Ims.Functions.Catalog", references);
        Assert.Contains("Ims.Functions", references);
    }

    private static HashSet<string> AllImsReferences(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name!.StartsWith("Ims.", StringComparison.Ordinal) || reference.Name == "ims")
                {
                    if (seen.Add(reference.Name))
                    {
                        pending.Enqueue(Assembly.Load(reference));
                    }
                }
            }
        }

        return seen;
    }
}
