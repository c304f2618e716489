using System.Text.Json;
using System.Text.RegularExpressions;
using Ims.Tests.Shared;

namespace Ims.Bicep.Tests;

/// <summary>
/// The templates under bicep/ build and lint with no warning (the CLI exits 0 on warnings, so the
/// output is read), and the compiled template keeps the deployment's promises: pay-per-use
/// functions, UDP on the edge, managed identities and no account keys.
/// </summary>
[TestClass]
public sealed partial class BicepTemplateTests
{
    private static string BicepFolder => System.IO.Path.Combine(TestPaths.RepoRoot, "bicep");

    public static IEnumerable<object[]> Templates() =>
        Directory.EnumerateFiles(BicepFolder, "*.bicep", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { System.IO.Path.GetRelativePath(BicepFolder, f) });

    [GeneratedRegex(@"\b(Warning|Error)\b")]
    private static partial Regex Diagnostic();

    [TestMethod]
    public void EveryModuleIsUnderTest()
    {
        var files = Templates().Select(t => (string)t[0]).ToList();

        CollectionAssert.IsSubsetOf(
            new[] { "main.bicep", "modules/storage.bicep", "modules/eventhubs.bicep", "modules/functions.bicep", "modules/edge.bicep", "modules/rbac.bicep" },
            files);
    }

    [TestMethod]
    [DynamicData(nameof(Templates))]
    public void TemplateBuildsWithoutDiagnostics(string template)
    {
        var (exitCode, output, error) = BicepCli.Run("build", System.IO.Path.Combine(BicepFolder, template), "--stdout");

        Assert.AreEqual(0, exitCode, error);
        Assert.IsFalse(Diagnostic().IsMatch(error), error);
        Assert.StartsWith("{", output.TrimStart());
    }

    [TestMethod]
    [DynamicData(nameof(Templates))]
    public void TemplateLintsWithoutDiagnostics(string template)
    {
        var (exitCode, output, error) = BicepCli.Run("lint", System.IO.Path.Combine(BicepFolder, template));

        Assert.AreEqual(0, exitCode, output + error);
        Assert.IsFalse(Diagnostic().IsMatch(output + error), output + error);
    }

    [TestMethod]
    public void ParameterFileBuildsForTheIdleLab()
    {
        var (exitCode, output, error) = BicepCli.Run("build-params", System.IO.Path.Combine(BicepFolder, "main.bicepparam"), "--stdout");

        Assert.AreEqual(0, exitCode, error);
        Assert.IsFalse(Diagnostic().IsMatch(error), error);
        using var document = JsonDocument.Parse(output);
        var parameters = JsonDocument.Parse(document.RootElement.GetProperty("parametersJson").GetString()!).RootElement.GetProperty("parameters");
        Assert.AreEqual("Basic", parameters.GetProperty("eventHubsSku").GetProperty("value").GetString());
    }

    [TestMethod]
    public void CompiledTemplateKeepsTheDeploymentPromises()
    {
        var (exitCode, output, error) = BicepCli.Run("build", System.IO.Path.Combine(BicepFolder, "main.bicep"), "--stdout");
        Assert.AreEqual(0, exitCode, error);
        var resources = AllResources(JsonDocument.Parse(output).RootElement).ToList();

        // No account keys anywhere: nothing lists keys or builds a key-based connection string.
        Assert.DoesNotContain("listKeys", output);
        Assert.DoesNotContain("AccountKey=", output);

        var storage = resources.Single(r => Type(r) == "Microsoft.Storage/storageAccounts");
        Assert.IsFalse(storage.GetProperty("properties").GetProperty("allowSharedKeyAccess").GetBoolean());

        var eventHubs = resources.Single(r => Type(r) == "Microsoft.EventHub/namespaces");
        Assert.IsTrue(eventHubs.GetProperty("properties").GetProperty("disableLocalAuth").GetBoolean());
        var hubs = resources.Where(r => Type(r) == "Microsoft.EventHub/namespaces/eventhubs").Select(r => r.GetProperty("name").GetString()!).ToList();
        Assert.HasCount(3, hubs);
        Assert.IsTrue(hubs.Any(h => h.Contains("ims-events", StringComparison.Ordinal)));
        Assert.IsTrue(hubs.Any(h => h.Contains("ims-commands", StringComparison.Ordinal)));
        // The Functions app publishes its decisions here for ims replay (IMS_DecisionsHub).
        Assert.IsTrue(hubs.Any(h => h.Contains("ims-decisions", StringComparison.Ordinal)));

        var plan = resources.Single(r => Type(r) == "Microsoft.Web/serverfarms");
        Assert.AreEqual("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        var site = resources.Single(r => Type(r) == "Microsoft.Web/sites");
        Assert.AreEqual("UserAssigned", site.GetProperty("identity").GetProperty("type").GetString());
        Assert.AreEqual("dotnet-isolated", site.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("runtime").GetProperty("name").GetString());
        StringAssert.Contains(site.GetRawText(), "IMS_DecisionsHub");

        var edge = resources.Single(r => Type(r) == "Microsoft.ContainerInstance/containerGroups");
        Assert.AreEqual("UserAssigned", edge.GetProperty("identity").GetProperty("type").GetString());
        Assert.AreEqual("[variables('ports')]", edge.GetProperty("properties").GetProperty("ipAddress").GetProperty("ports").GetString());
        var edgeTemplate = AllTemplates(JsonDocument.Parse(output).RootElement)
            .Single(t => DirectResources(t).Any(r => Type(r) == "Microsoft.ContainerInstance/containerGroups"));
        var main = JsonDocument.Parse(output).RootElement;
        var ports = edgeTemplate.GetProperty("variables").GetProperty("ports").EnumerateArray()
            .Select(p => $"{PortOf(main, p.GetProperty("port"))}/{p.GetProperty("protocol").GetString()}")
            .ToList();
        CollectionAssert.AreEquivalent(
            new[] { "5060/UDP", "5060/TCP", "4060/UDP", "4060/TCP", "6060/UDP", "6060/TCP", "3868/TCP" },
            ports);

        var assignments = resources.Where(r => Type(r) == "Microsoft.Authorization/roleAssignments").ToList();
        Assert.HasCount(2, assignments);
        Assert.IsTrue(assignments.All(a => a.GetProperty("name").GetString()!.Contains("guid(", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void TheFunctionAppGetsTheCscfSettingsTheEdgeGets()
    {
        // The CSCF functions in the app must derive the URIs and Diameter identities the edge
        // listens and routes by; one list of values goes to both, with the embedded core's defaults.
        var (exitCode, output, error) = BicepCli.Run("build", System.IO.Path.Combine(BicepFolder, "main.bicep"), "--stdout");
        Assert.AreEqual(0, exitCode, error);
        var main = JsonDocument.Parse(output).RootElement;

        var names = main.GetProperty("variables").GetProperty("cscfSettings").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
        CollectionAssert.AreEquivalent(
            new[]
            {
                "IMS_Pcscf__Port", "IMS_Icscf__Port", "IMS_Scscf__Port", "IMS_Policy__Rx", "IMS_Policy__WhenPcrfUnreachable",
                "IMS_Charging__Online", "IMS_Charging__RequestedSeconds", "IMS_Charging__FailureHandling",
            },
            names);
        foreach (var module in new[] { "functions", "edge" })
        {
            var deployment = DirectResources(main).Single(r => Type(r) == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == module);
            Assert.AreEqual("[variables('cscfSettings')]", deployment.GetProperty("properties").GetProperty("parameters").GetProperty("cscfSettings").GetProperty("value").GetString(), module);
        }

        // The edge's listeners (its container ports) come from the same parameters as the settings' values.
        var edge = DirectResources(main).Single(r => Type(r) == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == "edge");
        foreach (var port in new[] { "pcscfPort", "icscfPort", "scscfPort" })
        {
            Assert.AreEqual($"[parameters('{port}')]", edge.GetProperty("properties").GetProperty("parameters").GetProperty(port).GetProperty("value").GetString());
        }

        var site = AllResources(main).Single(r => Type(r) == "Microsoft.Web/sites");
        StringAssert.Contains(site.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").GetString(), "parameters('cscfSettings')");
        var container = AllResources(main).Single(r => Type(r) == "Microsoft.ContainerInstance/containerGroups")
            .GetProperty("properties").GetProperty("containers")[0].GetProperty("properties");
        StringAssert.Contains(container.GetProperty("environmentVariables").GetString(), "parameters('cscfSettings')");

        var parameters = main.GetProperty("parameters");
        Assert.AreEqual(5060, parameters.GetProperty("pcscfPort").GetProperty("defaultValue").GetInt32());
        Assert.AreEqual(4060, parameters.GetProperty("icscfPort").GetProperty("defaultValue").GetInt32());
        Assert.AreEqual(6060, parameters.GetProperty("scscfPort").GetProperty("defaultValue").GetInt32());
        Assert.IsTrue(parameters.GetProperty("policyRx").GetProperty("defaultValue").GetBoolean());
        Assert.AreEqual("continue", parameters.GetProperty("whenPcrfUnreachable").GetProperty("defaultValue").GetString());
        Assert.IsFalse(parameters.GetProperty("onlineCharging").GetProperty("defaultValue").GetBoolean());
        Assert.AreEqual(60, parameters.GetProperty("chargingRequestedSeconds").GetProperty("defaultValue").GetInt32());
        Assert.AreEqual("TERMINATE", parameters.GetProperty("chargingFailureHandling").GetProperty("defaultValue").GetString());
    }

    // A port of the edge: a number, or a module parameter fed by main's parameter of the same name (its default).
    private static int PortOf(JsonElement main, JsonElement port)
    {
        if (port.ValueKind == JsonValueKind.Number)
        {
            return port.GetInt32();
        }

        var name = ParameterReference().Match(port.GetString()!) is { Success: true } match
            ? match.Groups[1].Value
            : throw new AssertFailedException($"edge port {port} is neither a number nor a parameter");
        return main.GetProperty("parameters").GetProperty(name).GetProperty("defaultValue").GetInt32();
    }

    [GeneratedRegex(@"^\[parameters\('(\w+)'\)\]$")]
    private static partial Regex ParameterReference();

    private static string? Type(JsonElement resource) => resource.TryGetProperty("type", out var t) ? t.GetString() : null;

    // Every nested module template (modules compile to deployments that carry their template).
    private static IEnumerable<JsonElement> AllTemplates(JsonElement template) =>
        AllResources(template)
            .Where(r => r.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("template", out _))
            .Select(r => r.GetProperty("properties").GetProperty("template"));

    private static IEnumerable<JsonElement> DirectResources(JsonElement template) =>
        template.GetProperty("resources") is { ValueKind: JsonValueKind.Object } map
            ? map.EnumerateObject().Select(p => p.Value)
            : template.GetProperty("resources").EnumerateArray();

    // Resources of main and of every nested module deployment.
    private static IEnumerable<JsonElement> AllResources(JsonElement template)
    {
        if (!template.TryGetProperty("resources", out _))
        {
            yield break;
        }

        foreach (var resource in DirectResources(template))
        {
            yield return resource;
            if (resource.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("template", out var nested))
            {
                foreach (var inner in AllResources(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
