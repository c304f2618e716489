using System.CommandLine;
using Ims.Edge.Hosting;

namespace Ims.Edge.Cli;

/// <summary>
/// The `ims` command line. Each subcommand lives in its own file and is registered here.
/// Exit codes: 0 success, 1 the input was understood but is invalid or the operation failed,
/// 2 the command line itself is wrong.
/// </summary>
public static class ImsCli
{
    public const int UsageError = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var cli = new CliOutput(output, error);
        var root = new RootCommand("Ims.Cloud: a serverless, event-driven IMS core");
        foreach (var command in Commands(cli))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        var wantsHelp = args.Any(a => a is "-h" or "--help" or "-?");
        if (parse.Errors.Count > 0 && !wantsHelp)
        {
            // Bad command-line input gets one line and a non-zero exit, not a page of help.
            return cli.Fail(parse.Errors[0].Message, UsageError);
        }

        try
        {
            // Commands that run until stopped (`ims up`) handle SIGINT and SIGTERM themselves, so that
            // they can stop in order (DPR to peers, bus drained, data flushed) instead of being cut off.
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return cli.Fail(ex.Message);
        }
    }

    private static IEnumerable<Command> Commands(CliOutput cli)
    {
        // One line per subcommand group, in the order `ims --help` lists them.
        yield return UpCommand.Create(cli, ImsFunctions.All);
        yield return SipCommand.Create(cli);
        yield return DiameterCommand.Create(cli);
        yield return SubscriberCommand.Create(cli);
        yield return BalanceCommand.Create(cli);
        yield return PolicyCommand.Create(cli);
        yield return AkaCommand.Create(cli);
        yield return ReplayCommand.Create(cli);
        yield break;
    }
}
