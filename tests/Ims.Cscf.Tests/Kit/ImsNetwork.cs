using Ims.Aka.Vectors;
using Ims.Cscf.Icscf;
using Ims.Cscf.Pcscf;
using Ims.Cscf.Scscf;
using Ims.Diameter.Codec;
using Ims.Diameter.Messages;
using Ims.Events;
using Ims.Functions;
using Ims.Hss.Cx;
using Ims.Hss.Provisioning;
using Ims.Sip;
using Ims.Storage.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace Ims.Cscf.Tests.Kit;

/// <summary>
/// The three CSCF functions and a real HSS over one embedded store in a temp folder, driven as the
/// bus drives them: events in envelopes, commands taken from the outcomes, the next event built
/// from the commands (a Diameter request answered by the HSS, a forwarded request received by the
/// next role, a response relayed back with the continuation the forward carried).
/// </summary>
internal sealed class ImsNetwork : IDisposable
{
    public const string Domain = "ims.example";
    public const string Visited = "visited.example";
    public const string PcscfUri = "sip:pcscf.ims.example:5060";
    public const string IcscfUri = "sip:icscf.ims.example:4060";
    public const string ScscfUri = "sip:scscf.ims.example:6060";
    public const string PcscfLocal = "10.1.0.1:5060";
    public const string IcscfLocal = "10.1.0.2:4060";
    public const string ScscfLocal = "10.1.0.3:6060";

    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private int _ids;

    public ImsNetwork(CscfOptions? options = null, HssOptions? hssOptions = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "ims-cscf-tests", Guid.NewGuid().ToString("N"));
        Store = EmbeddedTableStore.Open(Folder);
        Options = options ?? DefaultOptions;
        HssOptions = hssOptions ?? DefaultHssOptions;
        Clock = new FakeTimeProvider(T0);
        Hss = new HomeSubscriberServer(Store, HssOptions, new CountingRandom(), Clock);
        Pcscf = new PcscfFunction(Store, Options);
        Icscf = new IcscfFunction(Options);
        Scscf = new ScscfRegistrar(Store, Options);
    }

    public static CscfOptions DefaultOptions => new()
    {
        HomeDomain = Domain,
        PcscfUri = PcscfUri,
        IcscfUri = IcscfUri,
        ScscfUri = ScscfUri,
        ScscfCandidates = [new ScscfCandidate(ScscfUri, [1])],
        VisitedNetworkId = Visited,
        IcscfDiameterHost = "icscf.ims.example",
        ScscfDiameterHost = "scscf.ims.example",
        MinExpires = 60,
        MaxExpires = 3600,
    };

    public static HssOptions DefaultHssOptions => new()
    {
        OriginHost = "hss.ims.example",
        OriginRealm = Domain,
        AllowedVisitedNetworks = [Visited],
        ScscfNames = [ScscfUri],
        MandatoryCapabilities = [1],
    };

    public string Folder { get; }

    public EmbeddedTableStore Store { get; }

    public CscfOptions Options { get; }

    public HssOptions HssOptions { get; }

    public FakeTimeProvider Clock { get; }

    public HomeSubscriberServer Hss { get; }

    public PcscfFunction Pcscf { get; }

    public IcscfFunction Icscf { get; }

    public ScscfRegistrar Scscf { get; }

    /// <summary>Every Diameter request the functions sent, decoded, in order.</summary>
    public List<DiameterMessage> DiameterRequests { get; } = [];

    public async Task ProvisionAsync(SubscriberSpec spec)
    {
        var result = await new SubscriberProvisioning(Store).AddAsync(spec, CancellationToken.None);
        Assert.IsTrue(result.IsOk, string.Join("; ", result.Errors));
    }

    public async Task<SubscriberView> ShowAsync(string impi) =>
        await new SubscriberProvisioning(Store).ShowAsync(impi, CancellationToken.None) ?? throw new AssertFailedException($"{impi} not provisioned");

    public string NextId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _ids)}";

    public BusEnvelope Envelope(BusMessage message, DateTimeOffset time, string correlation, Continuation? continuation = null) =>
        new(NextId("evt"), time, "edge-1", correlation, correlation, message, continuation);

    public BusEnvelope Request(ImsRole role, string transactionId, string source, string local, byte[] message, DateTimeOffset time) =>
        Envelope(new SipRequestReceived(role, transactionId, SipTransport.Udp, source, local, message), time, transactionId);

    public BusEnvelope Response(ImsRole role, string transactionId, byte[] message, Continuation? continuation, DateTimeOffset time) =>
        Envelope(new SipResponseReceived(role, transactionId, message), time, transactionId, continuation);

    public BusEnvelope Timer(ScheduleTimer timer, DateTimeOffset time) =>
        Envelope(new TimerFired(timer.TimerId, timer.Payload), time, timer.TimerId);

    public BusEnvelope Failure(OutgoingCommand command, DiameterDeliveryFailure failure, DateTimeOffset time) =>
        Envelope(new DiameterAnswerReceived(null, failure), time, "diameter", command.Continuation);

    /// <summary>
    /// What the edge does with a SendDiameterRequest: the request decoded, answered by the real HSS,
    /// the answer encoded and published with the command's continuation.
    /// </summary>
    public async Task<BusEnvelope> AnswerAsync(OutgoingCommand command, DateTimeOffset time)
    {
        var request = Decode(command);
        Clock.SetUtcNow(time);
        var answered = await Hss.HandleAsync(request, CancellationToken.None);
        Assert.IsNotNull(answered, "the HSS did not answer");
        Assert.IsNotNull(command.Continuation, "a Diameter request without a continuation");
        return Envelope(new DiameterAnswerReceived(DiameterEncoder.Encode(answered.Answer), null), time, "diameter", command.Continuation);
    }

    public DiameterMessage Decode(OutgoingCommand command)
    {
        var send = Assert.IsInstanceOfType<SendDiameterRequest>(command.Message);
        var decoded = DiameterDecoder.Decode(send.Message);
        Assert.IsTrue(decoded.IsSuccess, decoded.Error?.ToString());
        Assert.IsTrue(decoded.Message.IsRequest);
        DiameterRequests.Add(decoded.Message);
        return decoded.Message;
    }

    public static async Task<FunctionOutcome> RunAsync(IImsFunction function, BusEnvelope envelope)
    {
        Assert.IsTrue(function.Accepts(envelope), $"{function.Name} does not accept {envelope.Type}");
        var outcome = await function.HandleAsync(envelope, CancellationToken.None);
        Assert.IsFalse(string.IsNullOrWhiteSpace(outcome.Decision));
        return outcome;
    }

    /// <summary>
    /// The S-CSCF handling one REGISTER (as the I-CSCF forwards it) to its SIP response, answering
    /// every Cx request with the HSS on the way.
    /// </summary>
    public async Task<ScscfRun> ScscfAsync(byte[] register, DateTimeOffset time, string? transactionId = null)
    {
        var tx = transactionId ?? NextId("s-tx");
        var outcomes = new List<FunctionOutcome>();
        var outcome = await RunAsync(Scscf, Request(ImsRole.Scscf, tx, IcscfLocal, ScscfLocal, register, time));
        outcomes.Add(outcome);
        var diameter = new List<DiameterMessage>();
        while (outcome.Commands is [{ Message: SendDiameterRequest } command])
        {
            var answer = await AnswerAsync(command, time);
            diameter.Add(DiameterRequests[^1]);
            outcome = await RunAsync(Scscf, answer);
            outcomes.Add(outcome);
        }

        var response = outcome.Commands.Select(c => c.Message).OfType<SendSipResponse>().SingleOrDefault();
        Assert.IsNotNull(response, $"the S-CSCF gave no SIP response: {outcome.Decision}");
        Assert.AreEqual(tx, response.TransactionId);
        return new ScscfRun(outcomes, diameter, response.Message, SipWire.Parse(response.Message));
    }

    /// <summary>
    /// A REGISTER from the UE through P-CSCF, I-CSCF (UAR) and S-CSCF (MAR/SAR) and its response back
    /// through I-CSCF and P-CSCF to the UE.
    /// </summary>
    public async Task<ChainRun> RegisterAsync(Ue ue, byte[] register, DateTimeOffset time)
    {
        var pTx = NextId("p-tx");
        var pOutcome = await RunAsync(Pcscf, Request(ImsRole.Pcscf, pTx, ue.Source, PcscfLocal, register, time));
        if (pOutcome.Commands is not [{ Message: ForwardSipRequest pForward } pCommand])
        {
            return new ChainRun(pOutcome, null, null, null, null, pOutcome, Reply(pOutcome, pTx));
        }

        Assert.AreEqual(IcscfUri, pForward.NextHop);
        var iTx = NextId("i-tx");
        var uar = await RunAsync(Icscf, Request(ImsRole.Icscf, iTx, PcscfLocal, IcscfLocal, pForward.Message, time));
        var uaa = await RunAsync(Icscf, await AnswerAsync(uar.Commands.Single(), time));
        byte[] atIcscf;
        ScscfRun? scscf = null;
        FunctionOutcome? relayed = null;
        if (uaa.Commands is [{ Message: ForwardSipRequest iForward } iCommand])
        {
            scscf = await ScscfAsync(iForward.Message, time);
            relayed = await RunAsync(Icscf, Response(ImsRole.Icscf, iTx, scscf.Bytes, iCommand.Continuation, time));
            atIcscf = Reply(relayed, iTx);
        }
        else
        {
            atIcscf = Reply(uaa, iTx);
        }

        var pResponse = await RunAsync(Pcscf, Response(ImsRole.Pcscf, pTx, atIcscf, pCommand.Continuation, time));
        return new ChainRun(pOutcome, uar, uaa, scscf, relayed, pResponse, Reply(pResponse, pTx));
    }

    private static byte[] Reply(FunctionOutcome outcome, string transactionId)
    {
        var response = outcome.Commands.Select(c => c.Message).OfType<SendSipResponse>().SingleOrDefault();
        Assert.IsNotNull(response, $"no SIP response: {outcome.Decision}");
        Assert.AreEqual(transactionId, response.TransactionId);
        return response.Message;
    }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>The S-CSCF's outcomes for one REGISTER, the Cx requests it sent, and its SIP response.</summary>
internal sealed record ScscfRun(IReadOnlyList<FunctionOutcome> Outcomes, IReadOnlyList<DiameterMessage> Diameter, byte[] Bytes, SipMessage Response)
{
    public IEnumerable<BusMessage> Commands => Outcomes.SelectMany(o => o.Commands).Select(c => c.Message);
}

/// <summary>One REGISTER through the whole chain; <see cref="UeResponse"/> is what the UE receives.</summary>
internal sealed record ChainRun(FunctionOutcome Pcscf, FunctionOutcome? Uar, FunctionOutcome? Uaa, ScscfRun? Scscf, FunctionOutcome? IcscfRelay, FunctionOutcome PcscfResponse, byte[] UeBytes)
{
    public SipMessage UeResponse => SipWire.Parse(UeBytes);
}

internal static class SipWire
{
    public static SipMessage Parse(ReadOnlyMemory<byte> bytes)
    {
        var parsed = SipMessage.Parse(bytes);
        Assert.IsTrue(parsed.IsValid, parsed.Reason);
        return parsed.Message!;
    }
}

/// <summary>Deterministic RAND: each call fills with a new counter value.</summary>
internal sealed class CountingRandom : IRandomSource
{
    private long _next;

    public void Fill(Span<byte> destination)
    {
        var value = Interlocked.Increment(ref _next);
        destination.Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(destination[^8..], value);
        destination[0] = 0xA5;
    }
}
