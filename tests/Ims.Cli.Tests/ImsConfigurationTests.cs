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
    [DataRow("""{ "Ocs": { "Port": 0 } }""", "Ocs:Port must be a port number 1-65535, not 0")]
    [DataRow("""{ "Pcrf": { "Port": 65536 } }""", "Pcrf:Port must be a port number 1-65535, not 65536")]
    [DataRow("""{ "Ocs": { "PeerHost": "ocs.example.net", "PeerPort": 0 } }""", "Ocs:PeerPort must be a port number 1-65535, not 0")]
    [DataRow("""{ "Pcrf": { "PeerHost": "127.0.0.1", "PeerPort": 70000 } }""", "Pcrf:PeerPort must be a port number 1-65535, not 70000")]
    [DataRow("""{ "Pcrf": { "PeerHost": "pcrf example" } }""", "Pcrf:PeerHost must be a host name or IP address, not 'pcrf example'")]
    [DataRow("""{ "Ocs": { "PeerHost": "10.0.0.9", "PeerIdentity": "10.0.0.9" } }""", "Ocs:PeerIdentity must be a Diameter identity (a DNS name), not '10.0.0.9'")]
    [DataRow("""{ "Pcrf": { "PeerHost": "10.0.0.9", "PeerRealm": "bad realm" } }""", "Pcrf:PeerRealm must be a Diameter identity (a DNS name), not 'bad realm'")]
    [DataRow("""{ "Pcrf": { "PeerIdentity": "pcrf.example.net" } }""", "Pcrf:PeerIdentity and Pcrf:PeerRealm need Pcrf:PeerHost")]
    [DataRow("""{ "Ocs": { "PeerRealm": "example.net" } }""", "Ocs:PeerIdentity and Ocs:PeerRealm need Ocs:PeerHost")]
    [DataRow("""{ "Ocs": { "Port": "x" } }""", "bad setting")]
    public void BadPolicyAndChargingSettingsAreRefusedWithAReason(string json, string reason)
    {
        var options = ImsConfiguration.Load(ConfigFile(json), null, out var error);

        Assert.IsNull(options);
        Assert.Contains(reason, error!);
    }

    [TestMethod]
    public void OcsAndPcrfDefaultToTheBuiltInServersOnTheirPorts()
    {
        var options = ImsConfiguration.Load(ConfigFile("{}"), null, out var error);

        Assert.IsNull(error);
        Assert.AreEqual(3869, options!.Ocs.Port);
        Assert.AreEqual(3870, options.Pcrf.Port);
        Assert.IsFalse(options.Ocs.IsThirdParty);
        Assert.IsFalse(options.Pcrf.IsThirdParty);
        Assert.AreEqual("pcrf.ims.mnc001.mcc001.3gppnetwork.org", options.Cscf().PcrfHost);
        Assert.AreEqual("ocs.ims.mnc001.mcc001.3gppnetwork.org", options.Cscf().OcsHost);
    }

    [TestMethod]
    public void AThirdPartyPcrfAndOcsAreTakenWithTheirIdentityRealmAndPort()
    {
        var file = ConfigFile("""
            { "Pcrf": { "PeerHost": "10.1.2.3", "PeerPort": 3900, "PeerIdentity": "pcrf.operator.net", "PeerRealm": "operator.net" },
              "Ocs": { "PeerHost": "ocs.operator.net" } }
            """);

        var options = ImsConfiguration.Load(file, new Dictionary<string, string?> { ["Ocs:PeerPort"] = "3901" }, out var error);

        Assert.IsNull(error);
        Assert.IsTrue(options!.Pcrf.IsThirdParty);
        Assert.AreEqual(3900, options.Pcrf.PeerPort);
        Assert.AreEqual("pcrf.operator.net", options.Cscf().PcrfHost);
        Assert.AreEqual("operator.net", options.Cscf().PcrfRealm);
        Assert.IsTrue(options.Ocs.IsThirdParty);
        Assert.AreEqual(3901, options.Ocs.PeerPort);
        // No identity given: the host name is the peer's identity; no realm: the home domain.
        Assert.AreEqual("ocs.operator.net", options.Cscf().OcsHost);
        Assert.AreEqual("ims.mnc001.mcc001.3gppnetwork.org", options.Cscf().OcsRealm);
    }

    [TestMethod]
    public void AnExplicitFileThatDoesNotExistIsAnError()
    {
        var options = ImsConfiguration.Load("/no/such/ims.json", null, out var error);

        Assert.IsNull(options);
        Assert.AreEqual("config file not found: /no/such/ims.json", error);
    }

    [TestMethod]
    public void PolicyUsesRxAndLetsCallsGoOnWithoutThePcrfByDefault_AndRefusesAnUnknownChoice()
    {
        var defaults = ImsConfiguration.Load(ConfigFile("{}"), null, out var error)!;
        Assert.IsNull(error);
        Assert.IsTrue(defaults.Policy.Rx);
        Assert.AreEqual("continue", defaults.Policy.WhenPcrfUnreachable);
        Assert.IsTrue(defaults.Cscf().RxEnabled);
        Assert.IsFalse(defaults.Cscf().RefuseSessionsWithoutPcrf);

        var set = ImsConfiguration.Load(ConfigFile("""{ "Policy": { "Rx": false, "WhenPcrfUnreachable": "refuse" } }"""), null, out error)!;
        Assert.IsNull(error);
        Assert.IsFalse(set.Cscf().RxEnabled);
        Assert.IsTrue(set.Cscf().RefuseSessionsWithoutPcrf);

        Assert.IsNull(ImsConfiguration.Load(ConfigFile("""{ "Policy": { "WhenPcrfUnreachable": "maybe" } }"""), null, out error));
        Assert.AreEqual("Policy:WhenPcrfUnreachable must be 'continue' or 'refuse', not 'maybe'", error);
    }
}
