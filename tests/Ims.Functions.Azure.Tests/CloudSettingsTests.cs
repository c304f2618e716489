using Ims.Functions.Azure.Hosting;
using Microsoft.Extensions.Configuration;

namespace Ims.Functions.Azure.Tests;

/// <summary>The worker's settings: the names the Bicep deployment sets, and one clear line for a bad one.</summary>
[TestClass]
public sealed class CloudSettingsTests
{
    private static CloudSettings Read(params (string Key, string Value)[] values) =>
        CloudSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [TestMethod]
    public void TheDeploymentsAppSettingsAreRead()
    {
        var settings = Read(
            ("IMS_HomeDomain", "ims.mnc001.mcc001.3gppnetwork.org"),
            ("IMS_StoreEndpoint", "https://imsstore.table.core.windows.net"),
            ("IMS_EventHubsNamespace", "ims-bus.servicebus.windows.net"),
            ("AZURE_CLIENT_ID", "2f1c0e7a-0000-4000-8000-000000000001"),
            ("IMS_DecisionsHub", "ims-decisions"),
            ("IMS_ScscfNames", "sip:scscf1.ims.example:6060, sip:scscf2.ims.example:6060"));

        Assert.AreEqual("ims.mnc001.mcc001.3gppnetwork.org", settings.Functions.HomeDomain);
        Assert.AreEqual(new Uri("https://imsstore.table.core.windows.net"), settings.StoreEndpoint);
        Assert.IsTrue(settings.HasEventHubs);
        Assert.IsTrue(settings.HostEventHubsProcessor);
        Assert.AreEqual("$Default", settings.EventHubsConsumerGroup);
        CollectionAssert.AreEqual(new[] { "sip:scscf1.ims.example:6060", "sip:scscf2.ims.example:6060" }, settings.Functions.ScscfNames.ToArray());
        Assert.IsNull(settings.DaprAppToken, "the Dapr entry stays off unless a token is set");
        Assert.AreEqual("ims-decisions", settings.DecisionsHub);
        Assert.IsNull(settings.DecisionsConnection, "the decisions hub is on the bus's namespace");
    }

    [TestMethod]
    public void WithoutADecisionsHubNoDecisionsArePublished()
    {
        var settings = Read(("IMS_HomeDomain", "ims.example"), ("IMS_StoreConnection", "UseDevelopmentStorage=true"));

        Assert.IsNull(settings.DecisionsHub);
    }

    [TestMethod]
    [DataRow("IMS_HomeDomain", "", "IMS_HomeDomain is not set")]
    [DataRow("IMS_StoreEndpoint", "imsstore.table.core.windows.net", "IMS_StoreEndpoint must be an http(s) URL")]
    [DataRow("IMS_StoreEndpoint", "", "set IMS_StoreEndpoint (managed identity) or IMS_StoreConnection")]
    [DataRow("IMS_EventHubsProcessor", "sometimes", "IMS_EventHubsProcessor must be true or false")]
    [DataRow("IMS_DecisionsHub", "ims-decisions", "IMS_DecisionsHub is set but no Event Hubs namespace is")]
    public void ABadSettingStopsTheWorkerNamingIt(string key, string value, string message)
    {
        var values = new Dictionary<string, string>
        {
            ["IMS_HomeDomain"] = "ims.example",
            ["IMS_StoreEndpoint"] = "https://imsstore.table.core.windows.net",
            [key] = value,
        };

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => Read([.. values.Select(v => (v.Key, v.Value))]));

        StringAssert.StartsWith(error.Message, message);
    }
}
