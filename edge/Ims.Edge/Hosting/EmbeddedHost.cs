using System.Net;
using System.ComponentModel;
using Ims.Bus;
using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Peers.Configuration;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Peers.Requests;
using Ims.Diameter.Values;
using Ims.Edge.Core;
using Ims.Edge.Diameter;
using Ims.Edge.Sip.Core;
using Ims.EventLog;
using Ims.EventLog.Store;
using Ims.Events;
using Ims.Functions;
using Ims.Functions.Catalog;
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
        var inProcess = new InProcessBus(undeliverable: (e, ex) => LogUndeliverable(_logger, e.Type, e.Correlation, ex.Message));
        // In the cloud the edge publishes to Event Hubs and the Functions app decides; embedded, both sides share the in-process bus.
        var cloud = _options.Bus == "eventhubs" ? new DeferredBus() : null;
        IEventBus bus = cloud is null ? inProcess : cloud;
        // Keys, expected responses and Digest answers never reach the log (TS 33.203; replay does not need them).
        var log = new EventLogWriter(new EventLogOptions(Path.Combine(_options.DataPath, "events")), new SecretRedactor());
        var stamp = new EnvelopeStamp(_options.EdgeId, _time, ids);
        var diameterAnswers = new SuspendedWork<byte[]>(_time);
        // Timers outlive a restart: the table keeps a copy, read back below once the roles listen.
        var timerTable = new EdgeTimerTable(store, _options.EdgeId, _loggers.CreateLogger("ims.timers"));
        var timers = new EdgeTimers(bus, stamp, _time, timerTable);
        var bind = IPAddress.Parse(_options.Bind);
        // The CSCFs' clients reach the built-in servers where this process listens, never through the
        // advertised address (behind NAT it need not loop back; the OCS and PCRF are not published).
        var self = _options.SelfAddress();
        var hssHost = _options.DiameterIdentity("hss");
        var ocsPeer = PolicyChargingPeer(_options.Ocs, "ocs");
        var pcrfPeer = PolicyChargingPeer(_options.Pcrf, "pcrf");
        // The CSCFs reach the HSS (Cx, TS 29.229), the OCS (Ro, RFC 4006) and the PCRF (Rx, TS 29.214)
        // over real Diameter, as they would third-party servers; each role is one client node.
        var clientRoles = new (string Role, DiameterPeerEndpoint[] Peers, (uint, uint)[] VendorApps, uint[] AuthApps)[]
        {
            ("icscf", [new DiameterPeerEndpoint(hssHost, self, _options.Hss.Port)], [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Cx.Value)], []),
            ("scscf", [new DiameterPeerEndpoint(hssHost, self, _options.Hss.Port), ocsPeer], [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Cx.Value)], [DiameterApplicationId.CreditControl.Value]),
            ("pcscf", [pcrfPeer], [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Rx.Value)], []),
        };
        var cxClients = clientRoles.ToDictionary(
            client => _options.DiameterIdentity(client.Role),
            client => new DiameterNode(
                new DiameterNodeOptions
                {
                    OriginHost = _options.DiameterIdentity(client.Role),
                    OriginRealm = _options.HomeDomain,
                    HostIpAddresses = AnnouncedAddresses(),
                    VendorSpecificApplicationIds = client.VendorApps,
                    AuthApplicationIds = client.AuthApps,
                    Peers = client.Peers,
                    ReconnectInterval = TimeSpan.FromSeconds(5),
                    RequestTimeout = TimeSpan.FromSeconds(3),
                },
                // The P-CSCF serves the PCRF's ASR and RAR (TS 29.214 4.4.4, 4.4.6) as a function on the
                // bus, like a server role; the other clients take no requests and refuse them (RFC 6733 7.1.5).
                client.Role == "pcscf"
                    ? new DiameterServerEdge(bus, stamp, diameterAnswers, DecisionDeadline, _options.DiameterIdentity(client.Role), _options.HomeDomain).HandlerFor(ImsRole.Pcscf)
                    : (request, _, _) => ValueTask.FromResult(DiameterMessageBuilder.Answer(request).AddResultCode(DiameterResultCode.UnableToComply).Add(Avps.OriginHost, _options.DiameterIdentity(client.Role)).Add(Avps.OriginRealm, _options.HomeDomain).Build()),
                _time),
            StringComparer.OrdinalIgnoreCase);
        var clientPeers = clientRoles.ToDictionary(c => _options.DiameterIdentity(c.Role), c => c.Peers, StringComparer.OrdinalIgnoreCase);
        // Requests leave through the node whose identity is their Origin-Host: the CSCFs' clients now,
        // the server roles (the PCRF's ASR/RAR) once their nodes exist below.
        var origins = new DiameterOriginRouter();
        foreach (var (identity, client) in cxClients)
        {
            origins.Add(identity, client);
        }

        var executor = new CommandExecutor(bus, stamp, diameterAnswers, timers, origins.SendAsync, _loggers.CreateLogger("ims.edge"));
        var sipEdges = new[] { (ImsRole.Pcscf, _options.Pcscf.Port), (ImsRole.Icscf, _options.Icscf.Port), (ImsRole.Scscf, _options.Scscf.Port) }
            .Select(r => Listen(RoleName(r.Item1), "SIP UDP+TCP", new IPEndPoint(bind, r.Item2), () => new SipEdge(r.Item1, new IPEndPoint(bind, r.Item2), bus, stamp, _time, DecisionDeadline, _loggers.CreateLogger("ims.sip"), hosts: _options.SipHosts(), advertise: _options.Advertise)))
            .ToList();
        executor.SipCommands = async (envelope, ct) =>
        {
            foreach (var edge in sipEdges)
            {
                if (await edge.ExecuteAsync(envelope, ct).ConfigureAwait(false))
                {
                    return true;
                }
            }

            return false;
        };
        EdgeOnEventHubs? eventHubs = null;
        if (cloud is null)
        {
            // The functions read and write through a recording store: each event's store calls are logged with its decision.
            var host = new EmbeddedFunctionHost(new FunctionDispatcher(functions(new RecordingTableStore(store)), _time, ids), inProcess, log, _loggers.CreateLogger("ims.functions"));
            log.Append(EventLogRecord.Of(new HostStart(_time.GetUtcNow(), _options.EdgeId, ImsFunctionSettingsJson.Serialize(ImsFunctions.Settings(_options)))));
            inProcess.SubscribeEvents(host.ConsumeAsync);
            inProcess.SubscribeCommands(_options.EdgeId, executor.ExecuteAsync);
        }
        else
        {
            eventHubs = EdgeOnEventHubs.Create(_options, store, executor.ExecuteAsync, _time, _loggers.CreateLogger("ims.bus"));
            cloud.Target = eventHubs.Bus;
        }


        var servers = new List<(string Name, string Identity, DiameterNode Node)>
        {
            ("HSS", hssHost, ServerNode(ImsRole.Hss, hssHost, _options.Hss.Port, [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Cx.Value)], [], bus, stamp, diameterAnswers)),
        };
        if (!_options.Ocs.IsThirdParty)
        {
            servers.Add(("OCS", ocsPeer.Identity, ServerNode(ImsRole.Ocs, ocsPeer.Identity, _options.Ocs.Port, [], [DiameterApplicationId.CreditControl.Value], bus, stamp, diameterAnswers)));
        }

        if (!_options.Pcrf.IsThirdParty)
        {
            servers.Add(("PCRF", pcrfPeer.Identity, ServerNode(ImsRole.Pcrf, pcrfPeer.Identity, _options.Pcrf.Port, [(DiameterVendorId.ThirdGeneration, DiameterApplicationId.Rx.Value)], [], bus, stamp, diameterAnswers)));
        }

        foreach (var (_, identity, node) in servers)
        {
            origins.Add(identity, node);
        }

        // Operator commands (ims subscriber ...) reach the store this process holds through a
        // loopback endpoint; its address and token go into the data folder, readable by the owner only.
        // Operator actions (ims policy release) share the port and token, and become events on the bus.
        var admin = new TableStoreHttpServer(store, _options.AdminPort, operatorRequests: new OperatorActions(bus, stamp).HandleAsync);
        var adminFile = Path.Combine(_options.DataPath, TableStoreEndpoint.FileName);
        try
        {
            if (eventHubs is not null)
            {
                await eventHubs.StartAsync(stopping).ConfigureAwait(false);
                LogListening(_logger, "edge", "Event Hubs", _options.EventHubsNamespace ?? "(connection string)", _options.EdgeId);
            }

            Listen("store", "HTTP", new IPEndPoint(IPAddress.Loopback, _options.AdminPort), () => admin.Start());
            admin.WriteEndpointFile(adminFile);
            LogListening(_logger, "store", "HTTP (loopback, token)", admin.Url, "admin");
            foreach (var (name, identity, node) in servers)
            {
                await Listen(name, "Diameter TCP", node.Options.ListenOn!, node.StartAsync).ConfigureAwait(false);
                LogListening(_logger, name, "Diameter TCP", node.LocalEndPoint!.ToString(), identity);
            }

            foreach (var (identity, client) in cxClients)
            {
                await client.StartAsync().ConfigureAwait(false);
                foreach (var peer in clientPeers[identity])
                {
                    // An unreachable OCS or PCRF never holds up the start (DESIGN: promises): the node keeps trying.
                    if (!await client.WaitForPeerAsync(peer.Identity, TimeSpan.FromSeconds(10)).ConfigureAwait(false))
                    {
                        LogNoPeer(_logger, identity, peer.Identity);
                    }
                }
            }

            foreach (var edge in sipEdges)
            {
                edge.Start();
                LogListening(_logger, RoleName(edge.Role), "SIP UDP+TCP", edge.LocalEndPoint.ToString(), _options.RoleUri(edge.Role.ToString().ToLowerInvariant(), edge.LocalEndPoint.Port));
                if (edge.SentBy != edge.LocalEndPoint.ToString())
                {
                    LogAdvertised(_logger, RoleName(edge.Role), edge.SentBy);
                }
            }

            var restored = await timers.RestoreAsync(stopping).ConfigureAwait(false);
            if (restored > 0)
            {
                LogTimersRestored(_logger, restored);
            }

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
            foreach (var edge in sipEdges)
            {
                await edge.DisposeAsync().ConfigureAwait(false);
            }

            foreach (var client in cxClients.Values)
            {
                await client.StopAsync().ConfigureAwait(false);
            }

            foreach (var (_, _, node) in servers)
            {
                await node.StopAsync().ConfigureAwait(false);
            }
            await admin.DisposeAsync().ConfigureAwait(false);
            File.Delete(adminFile);
            timers.Dispose();
            await timerTable.DisposeAsync().ConfigureAwait(false);
            if (eventHubs is not null)
            {
                await eventHubs.DisposeAsync().ConfigureAwait(false);
            }

            await inProcess.DisposeAsync().ConfigureAwait(false);
            await log.DisposeAsync().ConfigureAwait(false);
            (store as IDisposable)?.Dispose();
            LogStopped(_logger);
        }
    }

    private static string RoleName(ImsRole role) => role.ToString().ToUpperInvariant().Replace("CSCF", "-CSCF", StringComparison.Ordinal);

    /// <summary>Opens a listener, naming the role and address if the socket is refused.</summary>
    private static T Listen<T>(string role, string transport, EndPoint endPoint, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (Win32Exception ex)
        {
            // SocketException for SIP and Diameter, HttpListenerException for the store endpoint.
            throw new ListenerUnavailableException(role, transport, endPoint, ex);
        }
    }

    private static void Listen(string role, string transport, EndPoint endPoint, Action open) =>
        Listen(role, transport, endPoint, () =>
        {
            open();
            return true;
        });

    /// <summary>Where a CSCF reaches the OCS or PCRF: the built-in one on loopback, or the configured third-party peer.</summary>
    private DiameterPeerEndpoint PolicyChargingPeer(PolicyChargingOptions options, string host) => options.IsThirdParty
        ? new DiameterPeerEndpoint(options.PeerIdentity ?? options.PeerHost!, options.PeerHost!, options.PeerPort)
        : new DiameterPeerEndpoint(_options.DiameterIdentity(host), _options.SelfAddress(), options.Port);

    /// <summary>
    /// Host-IP-Address of CER and CEA (RFC 6733 5.3.5): the advertised address when it is an IP
    /// address, else the bind address unless that is a wildcard. An advertised host name is not
    /// resolved here (the Address type carries no names); the node then announces its default.
    /// </summary>
    private IReadOnlyList<DiameterAddress> AnnouncedAddresses()
    {
        foreach (var candidate in new[] { _options.AdvertisedHost(), _options.Bind })
        {
            if (IPAddress.TryParse(candidate, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
            {
                var family = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? DiameterAddress.FamilyIpv6 : DiameterAddress.FamilyIpv4;
                return [new DiameterAddress(family, address.GetAddressBytes())];
            }
        }

        return [];
    }

    /// <summary>A Diameter server role (HSS, OCS, PCRF): its listener, CER/CEA with its applications, and the edge that turns its requests into events.</summary>
    private DiameterNode ServerNode(ImsRole role, string identity, int port, (uint, uint)[] vendorApps, uint[] authApps, IEventBus bus, EnvelopeStamp stamp, SuspendedWork<byte[]> answers) =>
        new(
            new DiameterNodeOptions
            {
                OriginHost = identity,
                OriginRealm = _options.HomeDomain,
                HostIpAddresses = AnnouncedAddresses(),
                VendorSpecificApplicationIds = vendorApps,
                AuthApplicationIds = authApps,
                ListenOn = new IPEndPoint(IPAddress.Parse(_options.Bind), port),
            },
            new DiameterServerEdge(bus, stamp, answers, DecisionDeadline, identity, _options.HomeDomain).HandlerFor(role),
            _time);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{Role} listening on {Transport} {EndPoint} as {Identity}")]
    private static partial void LogListening(ILogger logger, string role, string transport, string endPoint, string identity);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "{Role} names itself {SentBy} in the headers it adds")]
    private static partial void LogAdvertised(ILogger logger, string role, string sentBy);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "{Count} timer(s) kept from the last run scheduled again")]
    private static partial void LogTimersRestored(ILogger logger, int count);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "ready: home domain {Domain}, data in {DataPath}")]
    private static partial void LogReady(ILogger logger, string domain, string dataPath);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "stopping: disconnecting peers, draining the bus, flushing data")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "{Identity} has no Diameter connection to {Peer} yet; it keeps trying")]
    private static partial void LogNoPeer(ILogger logger, string identity, string peer);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "bus gave up on {Type} {Correlation}: {Reason}")]
    private static partial void LogUndeliverable(ILogger logger, string type, string correlation, string reason);
}
