using Ims.Edge.Cli;
using Ims.Edge.Hosting;

namespace Ims.Cli.Tests;

/// <summary>
/// Advertise: the address the edge names in the headers it adds, apart from the address it binds.
/// Unset it is the bind address; a wildcard bind needs it, since 0.0.0.0 cannot go into a Via.
/// </summary>
[TestClass]
public sealed class AdvertiseSettingTests
{
    private readonly List<string> _paths = [];

    [TestCleanup]
    public void RemoveFiles()
    {
        foreach (var path in _paths)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
            else if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    private string ConfigFile(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ims-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        _paths.Add(path);
        return path;
    }

    private string DataFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ims-advertise-{Guid.NewGuid():N}");
        _paths.Add(path);
        return path;
    }

    [TestMethod]
    public void UnsetItIsTheBindAddressAndTheRolesAreReachedThere()
    {
        var options = ImsConfiguration.Load(ConfigFile("""{ "Bind": "127.0.0.2" }"""), null, out var error);

        Assert.IsNull(error);
        Assert.IsNotNull(options);
        Assert.IsNull(options.Advertise);
        Assert.AreEqual("127.0.0.2", options.AdvertisedHost());
        Assert.AreEqual("127.0.0.2", options.SelfAddress());
        Assert.AreEqual("127.0.0.2", options.SipHosts()[$"pcscf.{options.HomeDomain}"]);
    }

    [TestMethod]
    [DataRow("0.0.0.0", "edge.example.net", "127.0.0.1")]
    [DataRow("::", "2001:db8::5", "::1")]
    [DataRow("10.0.0.4", "203.0.113.7", "10.0.0.4")]
    public void SetItIsWhatTheWireNamesWhileTheRolesAreReachedWhereTheyListen(string bind, string advertise, string self)
    {
        var options = ImsConfiguration.Load(ConfigFile("{}"), new Dictionary<string, string?> { ["Bind"] = bind, ["Advertise"] = advertise }, out var error);

        Assert.IsNull(error);
        Assert.IsNotNull(options);
        Assert.AreEqual(advertise, options.AdvertisedHost());
        Assert.AreEqual(self, options.SelfAddress());
        Assert.IsTrue(options.SipHosts().Values.All(v => v == self), string.Join(", ", options.SipHosts().Values));
    }

    [TestMethod]
    public void TheEnvironmentVariableSetsIt()
    {
        Environment.SetEnvironmentVariable("IMS_Advertise", "pcscf.example.net");
        try
        {
            var options = ImsConfiguration.Load(ConfigFile("""{ "Bind": "0.0.0.0" }"""), null, out var error);

            Assert.IsNull(error);
            Assert.AreEqual("pcscf.example.net", options!.Advertise);
        }
        finally
        {
            Environment.SetEnvironmentVariable("IMS_Advertise", null);
        }
    }

    [TestMethod]
    [DataRow("""{ "Bind": "0.0.0.0" }""", "Bind 0.0.0.0 listens on every address but cannot be put in a Via")]
    [DataRow("""{ "Bind": "::" }""", "Bind :: listens on every address but cannot be put in a Via")]
    [DataRow("""{ "Bind": "0.0.0.0", "Advertise": "0.0.0.0" }""", "Advertise must be an address peers can reach, not the wildcard '0.0.0.0'")]
    [DataRow("""{ "Advertise": "::" }""", "Advertise must be an address peers can reach, not the wildcard '::'")]
    [DataRow("""{ "Advertise": "edge.example.net:5060" }""", "Advertise must be an IP address or host name, not 'edge.example.net:5060'")]
    [DataRow("""{ "Advertise": "my edge" }""", "Advertise must be an IP address or host name, not 'my edge'")]
    [DataRow("""{ "Advertise": "" }""", "Advertise must be an IP address or host name, not ''")]
    public void BadOrMissingAdvertiseIsRefusedWithAReason(string json, string reason)
    {
        var options = ImsConfiguration.Load(ConfigFile(json), null, out var error);

        Assert.IsNull(options);
        Assert.StartsWith(reason, error!);
    }

    [TestMethod]
    public void UpWithAWildcardBindAndNoAdvertiseStopsWithOneLine()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = ImsCli.Run(["up", "--data", DataFolder(), "--config", ConfigFile("{}"), "--bind", "0.0.0.0"], output, error);

        Assert.AreEqual(1, exit);
        var lines = error.ToString().Trim().Split('\n');
        Assert.HasCount(1, lines);
        Assert.StartsWith("ims: Bind 0.0.0.0 listens on every address but cannot be put in a Via: give the address peers reach this edge on with --advertise", lines[0]);
    }

    [TestMethod]
    public void UpTakesTheAdvertiseFlagAndChecksIt()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = ImsCli.Run(["up", "--data", DataFolder(), "--config", ConfigFile("{}"), "--bind", "0.0.0.0", "--advertise", "not a host"], output, error);

        Assert.AreEqual(1, exit);
        Assert.AreEqual("ims: Advertise must be an IP address or host name, not 'not a host'", error.ToString().Trim());
    }
}
