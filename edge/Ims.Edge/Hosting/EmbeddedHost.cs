using System.Net;
using Ims.Bus;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Values;
using Ims.Edge.Core;
using Ims.Edge.Diameter;
using Ims.EventLog;
using Ims.Events;
using Ims.Functions;
using Ims.Storage;
using Ims.Storage.AzureTables;
using Ims.Storage.Embedded;
using Ims.Storage.Http;
using Microsoft.Extensions.Logging;

namespace Ims.Edge.Hosting;

/// <summary>
/// The embedded default: every role in one process on loopback, the in-process bus, the table store,
/// and the event log under the data folder. The composition root of `ims up`.
/// </summary>
public sealed partial class EmbeddedHost
{
    /// <summary>How long the edge waits for a function's decision before answering a peer itself.</summary>
    public static readonly TimeSpan DecisionDeadline = TimeSpan.FromSeconds(4);

    private readonly ImsOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public EmbeddedHost(ImsOptions options, ILoggerFactory loggers, TimeProvider? time = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _loggers = loggers ?? throw new ArgumentNullException(nameof(loggers));
        _logger = loggers.CreateLogger("ims.up");
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Opens the store the options name; the embedded one refuses a folder another process holds.</summary>
    public static ITableStore OpenStore(ImsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Store switch
        {
            "azure" when options.StoreConnection is { } connection => AzureTableStore.FromConnectionString(connection),
            "azure" => AzureTableStore.FromEndpointWithManagedIdentity(new Uri(options.StoreEndpoint!)),
            _ => EmbeddedTableStore.Open(Path.Combine(options.DataPath, "store")),
        };
    }

    /// <summary>Runs until <paramref name="stopping"/> is cancelled, then stops cleanly: DPR to peers, bus drained, log and store flushed.</summary>
    public async Task RunAsync(Func<ITableStore, IEnumerable<IImsFunction>> functions, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var store = OpenStore(_options);
        var ids = new RandomEnvelopeIds();
        var bus = new InProcessBus(undeliverable: (e, ex) => LogUndeliverable(_logger, e.Type, e.Correlation, ex.Message));
        var log = new EventLogWriter(new EventLogOptions(Path.Combine(_options.DataPath, "events")));
        var stamp = new EnvelopeStamp(_options.EdgeId, _time, ids);
        var diameterAnswers = new SuspendedWork<byte[]>(_time);
        var timers = new EdgeTimers(bus, stamp, _time);
        var executor = new CommandExecutor(bus, stamp, diameterAnswers, timers, null, _loggers.CreateLogger("ims.edge"));
        var host = new EmbeddedFunctionHost(new FunctionDispatcher(functions(store), _time, ids), bus, log, _loggers.CreateLogger("ims.functions"));
        bus.SubscribeEvents(host.ConsumeAsync);
        bus.SubscribeCommands(_options.EdgeId, executor.ExecuteAsync);

        var bind = IPAddress.Parse(_options.Bind);
        var hssHost = _options.DiameterIdentity("hss");
        var hssEdge = new DiameterServerEdge(bus, stamp, diameterAnswers, DecisionDeadline, hssHost, _options.HomeDomain);
        var hss = new DiameterNode(
            new DiameterNodeOptions
            {
                OriginHost = hssHost,
                OriginRealm = _options.HomeDomain,
                HostIpAddresses = DiameterAddress.TryParseIpv4(_options.Bind, out var address) ? [address] : [],
                VendorSpecificApplicationIds = [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Cx.Value)],
                ListenOn = new IPEndPoint(bind, _options.Hss.Port),
            },
            hssEdge.HandlerFor(ImsRole.Hss),
            _time);
        // Operator commands (ims subscriber ...) reach the store this process holds through a
        // loopback endpoint; its address and token go into the data folder, readable by the owner only.
        var admin = new TableStoreHttpServer(store, _options.AdminPort);
        var adminFile = Path.Combine(_options.DataPath, TableStoreEndpoint.FileName);
        try
        {
            admin.Start();
            admin.WriteEndpointFile(adminFile);
            LogListening(_logger, "store", "HTTP (loopback, token)", admin.Url, "admin");
            await hss.StartAsync().ConfigureAwait(false);
            LogListening(_logger, "HSS", "Diameter TCP", hss.LocalEndPoint!.ToString(), hssHost);
            LogReady(_logger, _options.HomeDomain, Path.GetFullPath(_options.DataPath));
            await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Ctrl-C: fall through to the orderly stop.
        }
        finally
        {
            LogStopping(_logger);
            await hss.StopAsync().ConfigureAwait(false);
            await admin.DisposeAsync().ConfigureAwait(false);
            File.Delete(adminFile);
            timers.Dispose();
            await bus.DisposeAsync().ConfigureAwait(false);
            await log.DisposeAsync().ConfigureAwait(false);
            (store as IDisposable)?.Dispose();
            LogStopped(_logger);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{Role} listening on {Transport} {EndPoint} as {Identity}")]
    private static partial void LogListening(ILogger logger, string role, string transport, string endPoint, string identity);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "ready: home domain {Domain}, data in {DataPath}")]
    private static partial void LogReady(ILogger logger, string domain, string dataPath);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "stopping: disconnecting peers, draining the bus, flushing data")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "bus gave up on {Type} {Correlation}: {Reason}")]
    private static partial void LogUndeliverable(ILogger logger, string type, string correlation, string reason);
}
