using Ims.Edge.Hosting;

namespace Ims.Cli.Tests;

[TestClass]
public sealed class ImsConfigurationTests
{
    private readonly List<string> _files = [];

    [TestCleanup]
    public void RemoveFiles()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private string ConfigFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ims-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        _files.Add(path);
        return path;
    }

    [TestMethod]
    public void DefaultsAreTheDocumentedPortsAndDomain()
    {
        var options = ImsConfiguration.Load(ConfigFile("{}"), null, out var error);

        Assert.IsNull(error);
        Assert.IsNotNull(options);
        Assert.AreEqual("ims.mnc001.mcc001.3gppnetwork.org", options.HomeDomain);
        Assert.AreEqual("127.0.0.1", options.Bind);
        Assert.AreEqual(5060, options.Pcscf.Port);
        Assert.AreEqual(4060, options.Icscf.Port);
        Assert.AreEqual(6060, options.Scscf.Port);
        Assert.AreEqual(3868, options.Hss.Port);
        Assert.AreEqual("embedded", options.Store);
        Assert.AreEqual("./data", options.DataPath);
        Assert.AreEqual("hss.ims.mnc001.mcc001.3gppnetwork.org", options.DiameterIdentity("hss"));
    }

    [TestMethod]
    public void TheRepositoryConfigFileReadsAsTheDefaults()
    {
        var options = ImsConfiguration.Load(Path.Combine(Ims.Tests.Shared.TestPaths.RepoRoot, "ims.json"), null, out var error);

        Assert.IsNull(error);
        Assert.AreEqual(new ImsOptions(), options);
    }

    [TestMethod]
    public void FileValuesAreOverriddenByLaterSources()
    {
        var file = ConfigFile("""{ "HomeDomain": "ims.example.net", "Pcscf": { "Port": 5070 }, "Hss": { "Port": 3869 } }""");

        var options = ImsConfiguration.Load(file, new Dictionary<string, string?> { ["Hss:Port"] = "3900", ["DataPath"] = "/tmp/x" }, out var error);

        Assert.IsNull(error);
        Assert.AreEqual("ims.example.net", options!.HomeDomain);
        Assert.AreEqual(5070, options.Pcscf.Port);
        Assert.AreEqual(3900, options.Hss.Port);
        Assert.AreEqual("/tmp/x", options.DataPath);
        Assert.AreEqual(6060, options.Scscf.Port);
    }

    [TestMethod]
    public void OnlineChargingIsOffByDefaultAndItsSettingsReachTheScscf()
    {
        var defaults = ImsConfiguration.Load(ConfigFile("{}"), null, out _)!.Cscf().Charging;
        var file = ConfigFile("""{ "Charging": { "Online": true, "RequestedSeconds": 2, "FailureHandling": "continue" } }""");

        var charging = ImsConfiguration.Load(file, null, out var error)!.Cscf().Charging;

        Assert.IsFalse(defaults.Online);
        Assert.AreEqual(60u, defaults.RequestedSeconds);
        Assert.AreEqual(Ims.Cscf.Charging.RoValues.FailureHandlingTerminate, defaults.FailureHandling);
        Assert.IsNull(error);
        Assert.IsTrue(charging.Online);
        Assert.AreEqual(2u, charging.RequestedSeconds);
        Assert.AreEqual(Ims.Cscf.Charging.RoValues.FailureHandlingContinue, charging.FailureHandling);
    }

    [TestMethod]
    [DoNotParallelize]
    public void EnvironmentVariablesOverrideTheFile()
    {
        var file = ConfigFile("""{ "Icscf": { "Port": 4070 } }""");
        Environment.SetEnvironmentVariable("IMS_Icscf__Port", "4080");
        try
        {
            var options = ImsConfiguration.Load(file, null, out var error);

            Assert.IsNull(error);
            Assert.AreEqual(4080, options!.Icscf.Port);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IMS_Icscf__Port", null);
        }
    }

    [TestMethod]
    [DataRow("""{ "Pcscf": { "Port": 70000 } }""", "Pcscf:Port must be a port number 1-65535, not 70000")]
    [DataRow("""{ "Bind": "localhost" }""", "Bind must be an IP address, not 'localhost'")]
    [DataRow("""{ "Store": "mysql" }""", "Store must be 'embedded' or 'azure', not 'mysql'")]
    [DataRow("""{ "Store": "azure" }""", "Store 'azure' needs StoreConnection")]
    [DataRow("""{ "Bus": "kafka" }""", "Bus must be 'inprocess' or 'eventhubs', not 'kafka'")]
    [DataRow("""{ "Bus": "eventhubs" }""", "Bus 'eventhubs' needs EventHubsNamespace")]
    [DataRow("""{ "Bus": "eventhubs", "EventHubsNamespace": "lab.servicebus.windows.net" }""", "Bus 'eventhubs' needs Store 'azure'")]
    [DataRow("""{ "Registration": { "MinExpires": 600, "MaxExpires": 60 } }""", "Registration:MinExpires")]
    [DataRow("""{ "Isc": { "ApplicationServerTimeout": 0 } }""", "Isc:ApplicationServerTimeout must be 0.5-32 seconds, not 0")]
    [DataRow("""{ "Charging": { "RequestedSeconds": 0 } }""", "Charging:RequestedSeconds must be 1-86400, not 0")]
    [DataRow("""{ "Charging": { "FailureHandling": "RETRY_AND_TERMINATE" } }""", "Charging:FailureHandling must be 'TERMINATE' or 'CONTINUE', not 'RETRY_AND_TERMINATE'")]
    [DataRow("""{ "Hss": { "Port": "abc" } }""", "bad setting")]
    [DataRow("""{ "Hss": """, "is not valid JSON")]
    public void BadSettingsAreRefusedWithAReason(string json, string reason)
    {
        var options = ImsConfiguration.Load(ConfigFile(json), null, out var error);

        Assert.IsNull(options);
        Assert.Contains(reason, error!);
    }

    [TestMethod]
    public void AnExplicitFileThatDoesNotExistIsAnError()
    {
        var options = ImsConfiguration.Load("/no/such/ims.json", null, out var error);

        Assert.IsNull(options);
        Assert.AreEqual("config file not found: /no/such/ims.json", error);
    }
}
