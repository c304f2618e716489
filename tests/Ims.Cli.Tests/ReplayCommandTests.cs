using Ims.Edge.Cli;

namespace Ims.Cli.Tests;

/// <summary>The options of `ims replay` for the cloud's log (the hubs themselves are read in tests/Ims.Replay.Tests and tests/Ims.Functions.Azure.Tests).</summary>
[TestClass]
public sealed class ReplayCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ImsCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [TestMethod]
    public void TheHelpNamesTheEventsCommandsAndDecisionsHubs()
    {
        var (exit, output, error) = Run("replay", "--help");

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "--eventhubs");
        StringAssert.Contains(output, "--hub");
        StringAssert.Contains(output, "--commands-hub");
        StringAssert.Contains(output, "--decisions-hub");
    }

    [TestMethod]
    public void TheDecisionsHubDoesNotStandInForTheEventsHub()
    {
        var (exit, _, error) = Run("replay", "--eventhubs", "Endpoint=sb://lab.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=a2V5", "--decisions-hub", "ims-decisions", "--from", "2026-12-06T09:00:00Z");

        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(error, "--eventhubs needs --hub");
    }
}
