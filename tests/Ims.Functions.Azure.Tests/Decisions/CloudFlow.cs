using System.Collections.Concurrent;
using Ims.Bus;
using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Values;
using Ims.Events;
using Ims.Functions.Azure.Bus;
using Ims.Functions.Azure.Decisions;
using Ims.Functions.Azure.Hosting;
using Ims.Functions.Azure.Tests.Fakes;
using Ims.Hss.Provisioning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ims.Functions.Azure.Tests.Decisions;

/// <summary>
/// The worker's event path as CloudServices wires it (the shared catalog over the recording store,
/// the envelope handler, the decision recorder and its start service) over a real embedded store
/// holding alice, with the decisions hub's producer and the commands bus captured.
/// </summary>
internal sealed class CloudFlow : IAsyncDisposable
{
    public const string Impi = "alice@ims.example";
    public const string Impu = "sip:alice@ims.example";

    /// <summary>TS 35.208 test set 1: K and OP.</summary>
    public const string K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    public const string Op = "cdc202d5123e20f62b6d676ac72cb318";

    public static readonly DateTimeOffset At = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly StoreFixture _store = new();

    private CloudFlow(IEventBus? commands, IDecisionRecorder? recorder)
    {
        Settings = new CloudSettings { HomeDomain = "ims.example", StoreConnection = "unused", DecisionsHub = "ims-decisions", ScscfNames = ["sip:scscf.ims.example:6060"] };
        Recorder = recorder ?? new EventHubsDecisionRecorder(Producer, "ims-decisions", NullLogger.Instance, ownsProducer: false);
        Handler = new EnvelopeHandler(CloudServices.Dispatcher(_store.Store, Settings, new FakeTimeProvider(At)), commands ?? Commands, Recorder, NullLogger<EnvelopeHandler>.Instance);
        Start = new DecisionRecordingService(Recorder, Settings, new FakeTimeProvider(At.AddSeconds(-30)), NullLogger<DecisionRecordingService>.Instance);
    }

    public CloudSettings Settings { get; }

    public CapturingProducer Producer { get; } = new();

    public CapturingBus Commands { get; } = new();

    public IDecisionRecorder Recorder { get; }

    public EnvelopeHandler Handler { get; }

    public DecisionRecordingService Start { get; }

    /// <summary>The events the edge published, in order, as the events hub holds them.</summary>
    public List<BusEnvelope> Events { get; } = [];

    public static async Task<CloudFlow> StartAsync(IEventBus? commands = null, IDecisionRecorder? recorder = null)
    {
        var flow = new CloudFlow(commands, recorder);
        var added = await new SubscriberProvisioning(flow._store.Store).AddAsync(
            new SubscriberSpec { Impi = Impi, Impus = [new ImpuSpec(Impu)], K = K, Op = Op }, CancellationToken.None);
        Assert.IsTrue(added.IsOk, string.Join("; ", added.Errors));
        await flow.Start.StartAsync(CancellationToken.None);
        return flow;
    }

    public async Task<BusEnvelope> HandleAsync(string id, byte[] cx, int second)
    {
        var envelope = new BusEnvelope(id, At.AddSeconds(second), "edge-1", Impi, "icscf.ims.example;" + id, new DiameterRequestReceived(ImsRole.Hss, "icscf.ims.example", cx));
        Events.Add(envelope);
        await Handler.HandleAsync(envelope, CancellationToken.None);
        return envelope;
    }

    /// <summary>Stops the recorder as the worker does at stop: what is queued is sent first.</summary>
    public Task StopAsync() => Start.StopAsync(CancellationToken.None);

    public static byte[] Uar() => Cx(DiameterCommands.UserAuthorization, 1, b => b
        .Add(Avps.UserName, Impi).Add(Avps.PublicIdentity, Impu).Add(Avps.VisitedNetworkIdentifier, "ims.example"));

    public static byte[] Sar() => Cx(DiameterCommands.ServerAssignment, 2, b => b
        .Add(Avps.UserName, Impi).Add(Avps.PublicIdentity, Impu).Add(Avps.ServerName, "sip:scscf.ims.example:6060")
        .Add(Avps.ServerAssignmentType, (uint)ServerAssignmentType.Registration)
        .Add(Avps.UserDataAlreadyAvailable, (uint)UserDataAlreadyAvailable.UserDataNotAvailable));

    public static byte[] Mar() => Cx(DiameterCommands.MultimediaAuth, 3, b => b
        .Add(Avps.UserName, Impi).Add(Avps.PublicIdentity, Impu).Add(Avps.SipNumberAuthItems, 1u)
        .Add(Avps.SipAuthDataItem, item => item.Add(Avps.SipAuthenticationScheme, "Digest-AKAv1-MD5"))
        .Add(Avps.ServerName, "sip:scscf.ims.example:6060"));

    private static byte[] Cx(CommandDefinition command, uint hop, Func<DiameterMessageBuilder, DiameterMessageBuilder> body) =>
        DiameterEncoder.Encode(body(DiameterMessageBuilder.Request(command, hop, hop)
            .Add(Avps.SessionId, $"icscf.ims.example;1;{hop}")
            .Add(Avps.VendorSpecificApplicationId, g => g.Add(Avps.VendorId, 10415u).Add(Avps.AuthApplicationId, 16777216u))
            .Add(Avps.AuthSessionState, 1u)
            .Add(Avps.OriginHost, "icscf.ims.example")
            .Add(Avps.OriginRealm, "ims.example")
            .Add(Avps.DestinationRealm, "ims.example")).Build());

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _store.Dispose();
    }

    internal sealed class CapturingBus : IEventBus
    {
        public ConcurrentQueue<BusEnvelope> Published { get; } = new();

        public ValueTask PublishAsync(BusEnvelope envelope, CancellationToken cancellationToken)
        {
            Published.Enqueue(envelope);
            return ValueTask.CompletedTask;
        }
    }
}
