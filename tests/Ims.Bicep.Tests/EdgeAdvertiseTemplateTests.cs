using System.Text.Json;

namespace Ims.Bicep.Tests;

/// <summary>
/// The cloud edge binds every address of its container (0.0.0.0) and names the container group's
/// public DNS name in the headers it adds: the command carries --advertise with the name ACI gives
/// the group's DNS label.
/// </summary>
public sealed partial class BicepTemplateTests
{
    [TestMethod]
    public void TheEdgeAdvertisesItsPublicNameWhileBindingEveryAddress()
    {
        var (exitCode, output, error) = BicepCli.Run("build", System.IO.Path.Combine(BicepFolder, "modules", "edge.bicep"), "--stdout");
        Assert.AreEqual(0, exitCode, error);
        var template = JsonDocument.Parse(output).RootElement;
        var group = DirectResources(template).Single(r => Type(r) == "Microsoft.ContainerInstance/containerGroups");
        var command = group.GetProperty("properties").GetProperty("containers")[0].GetProperty("properties").GetProperty("command")
            .EnumerateArray().Select(a => a.GetString()!).ToList();

        var bind = command.IndexOf("--bind");
        Assert.IsGreaterThanOrEqualTo(0, bind, string.Join(' ', command));
        Assert.AreEqual("0.0.0.0", command[bind + 1]);
        var advertise = command.IndexOf("--advertise");
        Assert.IsGreaterThanOrEqualTo(0, advertise, string.Join(' ', command));
        Assert.AreEqual("[variables('publicFqdn')]", command[advertise + 1]);

        // The advertised name is the one ACI gives the group's DNS label: <label>.<region>.azurecontainer.io.
        var variables = template.GetProperty("variables");
        Assert.AreEqual("[format('{0}.{1}.azurecontainer.io', variables('dnsNameLabel'), parameters('location'))]", variables.GetProperty("publicFqdn").GetString());
        Assert.AreEqual("[variables('dnsNameLabel')]", group.GetProperty("properties").GetProperty("ipAddress").GetProperty("dnsNameLabel").GetString());
    }
}
