using System.CommandLine;
using System.Runtime.InteropServices;
using Ims.Edge.Hosting;
using Ims.Functions;
using Ims.Storage;
using Ims.Storage.Embedded;
using Microsoft.Extensions.Logging;

namespace Ims.Edge.Cli;

/// <summary>`ims up`: every role in one process (the embedded default), until Ctrl-C.</summary>
internal static class UpCommand
{
    public static Command Create(CliOutput cli, Func<ITableStore, ImsOptions, IEnumerable<IImsFunction>> functions)
    {
        var config = new Option<string?>("--config") { Description = $"Settings file (default: {ImsConfiguration.DefaultFile} when present)" };
        var data = new Option<string?>("--data") { Description = "Data folder: embedded store and event log (default ./data)" };
        var store = new Option<string?>("--store") { Description = "Subscriber store: embedded or azure" };
        var connection = new Option<string?>("--connection") { Description = "Azure Table storage connection string (UseDevelopmentStorage=true for Azurite)" };
        var bind = new Option<string?>("--bind") { Description = "Address every listener binds to (default 127.0.0.1)" };
        var advertise = new Option<string?>("--advertise") { Description = "Address or host name peers reach this edge on, put in the headers it adds (default: the bind address; required when binding 0.0.0.0 or ::)" };
        var command = new Command("up", "Start P-CSCF, I-CSCF, S-CSCF and HSS in one process on loopback") { config, data, store, connection, bind, advertise };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            Override(overrides, "DataPath", parse.GetValue(data));
            Override(overrides, "Store", parse.GetValue(store));
            Override(overrides, "StoreConnection", parse.GetValue(connection));
            Override(overrides, "Bind", parse.GetValue(bind));
            Override(overrides, "Advertise", parse.GetValue(advertise));
            if (parse.GetValue(connection) is not null && parse.GetValue(store) is null)
            {
                overrides["Store"] = "azure";
            }

            var options = ImsConfiguration.Load(parse.GetValue(config), overrides, out var error);
            if (options is null)
            {
                return cli.Fail(error!);
            }

            using var loggers = LoggerFactory.Create(b => b
                .AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss.fff ";
                })
                .SetMinimumLevel(LogLevel.Information));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            try
            {
                await new EmbeddedHost(options, loggers).RunAsync(s => functions(s, options), stop.Token).ConfigureAwait(false);
                return 0;
            }
            catch (DataFolderInUseException ex)
            {
                return cli.Fail(ex.Message);
            }
            catch (ListenerUnavailableException ex)
            {
                return cli.Fail(ex.Message);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                return cli.Fail($"cannot listen: {ex.Message}");
            }
        });
        return command;
    }

    private static void Override(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}
