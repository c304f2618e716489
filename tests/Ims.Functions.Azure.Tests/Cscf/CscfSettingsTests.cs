using Ims.Edge.Hosting;
using Ims.Functions.Azure.Hosting;
using Ims.Functions.Catalog;
using Microsoft.Extensions.Configuration;

namespace Ims.Functions.Azure.Tests.Cscf;

/// <summary>
/// The worker runs the CSCFs as the edge it serves expects them: the same values, given to `ims up`
/// as its configuration keys and to the worker as IMS_ app settings, give the same function
/// settings (URIs, Diameter identities, policy, charging, registration and ISC), and a bad one stops
/// the worker with one line naming it.
/// </summary>
[TestClass]
public sealed class CscfSettingsTests
{
    private const string Domain = "ims.example";

    public static IEnumerable<object[]> ValueSets() =>
    [
        ["defaults", Array.Empty<string>()],
        ["own ports and switches", new[]
        {
            "Pcscf:Port=5070", "Icscf:Port=4070", "Scscf:Port=6070",
            "Policy:Rx=false", "Policy:WhenPcrfUnreachable=refuse",
            "Charging:Online=true", "Charging:RequestedSeconds=30", "Charging:FailureHandling=CONTINUE",
            "Registration:DefaultExpires=1800", "Registration:MinExpires=120", "Registration:MaxExpires=7200",
            "Isc:ApplicationServerTimeout=1.5",
        }],
        ["third-party PCRF and OCS", new[]
        {
            "Pcrf:PeerHost=10.0.0.9", "Pcrf:PeerIdentity=pcrf.operator.net", "Pcrf:PeerRealm=operator.net",
            "Ocs:PeerHost=ocs.operator.net",
        }],
    ];

    [TestMethod]
    [DynamicData(nameof(ValueSets))]
    public void TheWorkerDerivesWhatImsUpDerivesFromTheSameValues(string name, string[] values)
    {
        var edge = EdgeOptions(values);

        var worker = Worker(values.Select(v => ("IMS_" + Key(v).Replace(":", "__", StringComparison.Ordinal), Value(v))).ToArray());

        Assert.IsNotNull(worker.Functions.Cscf, $"{name}: the worker runs the CSCF functions");
        Assert.AreEqual(
            ImsFunctionSettingsJson.Serialize(ImsFunctions.Settings(edge)),
            ImsFunctionSettingsJson.Serialize(worker.Functions),
            name);
    }

    [TestMethod]
    public void TheDefaultsAreTheEmbeddedCoresRoleAddressesAndSwitches()
    {
        // Pinned by value as well: the comparison above would pass if both hosts drifted together.
        var cscf = Worker().Functions.Cscf!;

        Assert.AreEqual("sip:pcscf.ims.example:5060", cscf.PcscfUri);
        Assert.AreEqual("sip:icscf.ims.example:4060", cscf.IcscfUri);
        Assert.AreEqual("sip:scscf.ims.example:6060", cscf.ScscfUri);
        Assert.AreEqual("icscf.ims.example", cscf.IcscfDiameterHost);
        Assert.AreEqual("scscf.ims.example", cscf.ScscfDiameterHost);
        Assert.AreEqual("pcscf.ims.example", cscf.PcscfDiameterHost);
        Assert.AreEqual("pcrf.ims.example", cscf.PcrfHost);
        Assert.AreEqual("ocs.ims.example", cscf.OcsHost);
        Assert.IsTrue(cscf.RxEnabled);
        Assert.IsFalse(cscf.RefuseSessionsWithoutPcrf);
        Assert.IsFalse(cscf.Charging.Online);
        Assert.AreEqual(3600, cscf.DefaultExpires);
        Assert.AreEqual(TimeSpan.FromSeconds(3), cscf.ApplicationServerTimeout);
    }

    [TestMethod]
    public void TheFunctionsHostsFormOfTheNamesIsReadToo()
    {
        // App settings reach the worker as environment variables, whose `__` the host turns into `:`.
        var cscf = Worker(("IMS_Pcscf:Port", "5070"), ("IMS_Pcrf:PeerHost", "pcrf.operator.net"), ("IMS_Policy:WhenPcrfUnreachable", "refuse")).Functions.Cscf!;

        Assert.AreEqual("sip:pcscf.ims.example:5070", cscf.PcscfUri);
        Assert.AreEqual("pcrf.operator.net", cscf.PcrfHost);
        Assert.IsTrue(cscf.RefuseSessionsWithoutPcrf);
    }

    [TestMethod]
    public void ConfiguredScscfNamesStillWinOverTheHomeScscf()
    {
        var functions = Worker(("IMS_ScscfNames", "sip:scscf1.ims.example:6060")).Functions;

        CollectionAssert.AreEqual(new[] { "sip:scscf1.ims.example:6060" }, functions.ScscfNames.ToArray());
        Assert.AreEqual("sip:scscf.ims.example:6060", functions.Cscf!.ScscfUri);
    }

    [TestMethod]
    [DataRow("IMS_Pcscf__Port", "70000", "IMS_Pcscf__Port must be a port number 1-65535, not 70000")]
    [DataRow("IMS_Scscf__Port", "six", "IMS_Scscf__Port must be a whole number, not 'six'")]
    [DataRow("IMS_Policy__Rx", "maybe", "IMS_Policy__Rx must be true or false, not 'maybe'")]
    [DataRow("IMS_Policy__WhenPcrfUnreachable", "wait", "IMS_Policy__WhenPcrfUnreachable must be 'continue' or 'refuse', not 'wait'")]
    [DataRow("IMS_Charging__RequestedSeconds", "0", "IMS_Charging__RequestedSeconds must be 1-86400, not 0")]
    [DataRow("IMS_Charging__FailureHandling", "RETRY_AND_TERMINATE", "IMS_Charging__FailureHandling must be 'TERMINATE' or 'CONTINUE', not 'RETRY_AND_TERMINATE'")]
    [DataRow("IMS_Registration__MinExpires", "7200", "IMS_Registration__MinExpires <= IMS_Registration__DefaultExpires <= IMS_Registration__MaxExpires must hold")]
    [DataRow("IMS_Isc__ApplicationServerTimeout", "60", "IMS_Isc__ApplicationServerTimeout must be 0.5-32 seconds, not 60")]
    [DataRow("IMS_Pcrf__PeerIdentity", "pcrf.operator.net", "IMS_Pcrf__PeerIdentity and IMS_Pcrf__PeerRealm need IMS_Pcrf__PeerHost")]
    [DataRow("IMS_Ocs__PeerHost", "ocs operator", "IMS_Ocs__PeerHost must be a host name or IP address, not 'ocs operator'")]
    public void ABadCscfSettingStopsTheWorkerNamingIt(string key, string value, string message)
    {
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => Worker((key, value)));

        StringAssert.StartsWith(error.Message, message);
        Assert.DoesNotContain("\n", error.Message, "one line in the start log");
    }

    private static CloudSettings Worker(params (string Key, string Value)[] values) =>
        CloudSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(
                new[] { ("IMS_HomeDomain", Domain), ("IMS_StoreConnection", "UseDevelopmentStorage=true") }.Concat(values)
                    .Select(v => new KeyValuePair<string, string?>(v.Item1, v.Item2)))
            .Build());

    // `ims up` as it reads its own configuration (file, IMS_ variables, then these overrides).
    private static ImsOptions EdgeOptions(string[] values)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ims-cscf-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{}");
        try
        {
            var overrides = values.ToDictionary(Key, v => (string?)Value(v));
            overrides["HomeDomain"] = Domain;
            var options = ImsConfiguration.Load(file, overrides, out var error);
            Assert.IsNull(error, error);
            return options!;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Key(string pair) => pair[..pair.IndexOf('=', StringComparison.Ordinal)];

    private static string Value(string pair) => pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
}
