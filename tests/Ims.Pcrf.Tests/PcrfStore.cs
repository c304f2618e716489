using Ims.Cscf.Policy;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Events;
using Ims.Pcrf.Policies;
using Ims.Pcrf.Release;
using Ims.Pcrf.Rx;
using Ims.Sip.Sdp;
using Ims.Storage;
using Ims.Storage.Embedded;

namespace Ims.Pcrf.Tests;

/// <summary>The PCRF over an embedded store in a fresh temporary folder, deleted on dispose; with AAR/STR made by the P-CSCF's builders.</summary>
internal sealed class PcrfStore : IDisposable
{
    public const string Domain = "ims.test";
    public const string Af = "pcscf.ims.test";
    public const string Alice = "sip:alice@ims.test";
    public const string Bob = "sip:bob@ims.test";
    public static readonly PcrfOptions Options = new() { OriginHost = "pcrf.ims.test", OriginRealm = Domain };

    public static readonly DateTimeOffset At = new(2026, 12, 6, 18, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ims-pcrf-tests", Guid.NewGuid().ToString("N"));

    public PcrfStore()
    {
        Store = EmbeddedTableStore.Open(_folder);
        Pcrf = new PolicyServer(Store, Options);
        Release = new PcrfReleaseFunction(Store, Options);
    }

    public EmbeddedTableStore Store { get; }

    public PolicyServer Pcrf { get; }

    public PcrfReleaseFunction Release { get; }

    public static string Audio(string codec = "AMR-WB/16000", int kbps = 64, string media = "audio") =>
        $"v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm={media} 49170 RTP/AVP 96\r\nb=AS:{kbps}\r\na=rtpmap:96 {codec}\r\n";

    public static DiameterMessage Aar(string session, string subscriber, string? offer = null) => RxRequests.Aar(new RxSessionRequest
    {
        SessionId = session,
        OriginHost = Af,
        OriginRealm = Domain,
        DestinationRealm = Domain,
        Subscriber = subscriber,
        Icid = "icid-" + session,
        Offer = SdpSession.Parse(offer ?? Audio(), out var error) ?? throw new AssertFailedException(error ?? "no offer"),
    });

    public static DiameterMessage Str(string session) => RxRequests.Str(session, Af, Domain, Domain);

    public async Task<RxAnswered> AskAsync(DiameterMessage request) =>
        await Pcrf.HandleAsync(request, CancellationToken.None) ?? throw new AssertFailedException("no answer");

    /// <summary>The status of the subscriber index row of <paramref name="session"/> under <paramref name="subscriber"/>.</summary>
    public async Task<StoreStatus> IndexStatusAsync(string subscriber, string session) =>
        (await Store.GetAsync(PolicyTables.SubscriberSessionTable, PolicyTables.SubscriberKey(subscriber), PolicyTables.SessionKey(session), CancellationToken.None)).Status;

    public static BusEnvelope Envelope(BusMessage message, Continuation? continuation = null) =>
        new("evt-" + Guid.NewGuid().ToString("N"), At, "edge-a", "alice", "operator:test", message, continuation);

    public static uint? Result(DiameterMessage answer) => answer.GetUnsigned32(Avps.ResultCode);

    public static uint? Experimental(DiameterMessage answer) =>
        answer.Find(Avps.ExperimentalResult)?.Find(Avps.ExperimentalResultCode.Code) is { } code && code.TryGetUnsigned32(out var value) ? value : null;

    public static DiameterMessage Decode(byte[] bytes)
    {
        var decoded = DiameterDecoder.Decode(bytes);
        Assert.IsTrue(decoded.IsSuccess, decoded.Error?.Detail);
        return decoded.Message;
    }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
