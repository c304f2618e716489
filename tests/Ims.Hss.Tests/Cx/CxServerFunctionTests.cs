using Ims.Diameter.Values;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Events;
using Ims.Hss.Cx;
using Ims.Tests.Shared;
using static Ims.Hss.Tests.Cx.CxTestKit;

namespace Ims.Hss.Tests.Cx;

/// <summary>The bus adapter: DiameterRequestReceived for the HSS role in, SendDiameterAnswer to the same peer out.</summary>
[TestClass]
public sealed class CxServerFunctionTests
{
    private const string Peer = "scscf.ims.example";

    [TestMethod]
    public async Task AcceptsOnlyDiameterRequestsForTheHssRole()
    {
        using var temp = TempStore.Create();
        var function = new CxServerFunction(await HssWithAliceAsync(temp));
        var bytes = DiameterEncoder.Encode(Mar());

        Assert.AreEqual("hss.cx", function.Name);
        Assert.IsTrue(function.Accepts(Envelope(new DiameterRequestReceived(ImsRole.Hss, Peer, bytes))));
        Assert.IsFalse(function.Accepts(Envelope(new DiameterRequestReceived(ImsRole.Pcrf, Peer, bytes))));
        Assert.IsFalse(function.Accepts(Envelope(new SendDiameterAnswer(Peer, bytes))));
    }

    [TestMethod]
    public async Task AMarBecomesAnEncodedMaaForTheSamePeerWithItsDecision()
    {
        using var temp = TempStore.Create();
        var function = new CxServerFunction(await HssWithAliceAsync(temp));
        var request = Mar();

        var outcome = await function.HandleAsync(Envelope(new DiameterRequestReceived(ImsRole.Hss, Peer, DiameterEncoder.Encode(request))), CancellationToken.None);

        Assert.AreEqual($"MAA: 1 Digest-AKAv1-MD5 vector for {Impi}, SQN 000000000021", outcome.Decision);
        var command = outcome.Commands.Single();
        Assert.IsNull(command.Continuation);
        var send = (SendDiameterAnswer)command.Message;
        Assert.AreEqual(Peer, send.PeerId);
        var answer = DiameterDecoder.Decode(send.Message);
        Assert.IsTrue(answer.IsSuccess, answer.Error?.ToString());
        Assert.IsFalse(answer.Message.IsRequest);
        Assert.AreEqual(request.Header.HopByHopId, answer.Message.Header.HopByHopId);
        Assert.AreEqual(request.Header.EndToEndId, answer.Message.Header.EndToEndId);
        Assert.AreEqual(request.SessionId, answer.Message.SessionId);
        Assert.AreEqual("2001", ResultOf(answer.Message));
        Assert.AreEqual(1u, answer.Message.GetUnsigned32(Avps.SipNumberAuthItems));
    }

    [TestMethod]
    public async Task ThePyHssUarIsAnsweredThroughTheBus()
    {
        using var temp = TempStore.Create();
        var function = new CxServerFunction(await HssWithAliceAsync(temp));
        var bytes = Convert.FromHexString(File.ReadAllText(TestPaths.TestData("diameter", "pyhss_cx_uar.hex")).Trim());

        var outcome = await function.HandleAsync(Envelope(new DiameterRequestReceived(ImsRole.Hss, Peer, bytes)), CancellationToken.None);

        // Its user is not provisioned here.
        Assert.AreEqual("UAA: DIAMETER_ERROR_USER_UNKNOWN for sip:505931111111116@nickvsnetworking.com", outcome.Decision);
        var answer = DiameterDecoder.Decode(((SendDiameterAnswer)outcome.Commands.Single().Message).Message);
        Assert.AreEqual("e5001", ResultOf(answer.Message!));
        Assert.AreEqual("6873733031;d01955b4ab;1;app_cx", answer.Message!.SessionId);
    }

    [TestMethod]
    public async Task ARequestWithABrokenAvpIsAnsweredWithTheBaseProtocolError()
    {
        using var temp = TempStore.Create();
        var function = new CxServerFunction(await HssWithAliceAsync(temp));
        var bytes = DiameterEncoder.Encode(Lir());
        // The first AVP (Session-Id, right after the 20-byte header) claims a length past the message end.
        bytes[25] = 0xFF;
        bytes[26] = 0xFF;
        bytes[27] = 0xFF;

        var outcome = await function.HandleAsync(Envelope(new DiameterRequestReceived(ImsRole.Hss, Peer, bytes)), CancellationToken.None);

        var answer = DiameterDecoder.Decode(((SendDiameterAnswer)outcome.Commands.Single().Message).Message);
        Assert.IsTrue(answer.IsSuccess, answer.Error?.ToString());
        Assert.AreEqual("5014", ResultOf(answer.Message));
        Assert.AreEqual("hss.ims.example", answer.Message.OriginHost);
        Assert.StartsWith("undecodable request refused: DIAMETER_INVALID_AVP_LENGTH", outcome.Decision);
    }

    [TestMethod]
    public async Task BytesWithoutARequestHeaderAndAnswersAreNotAnswered()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        var function = new CxServerFunction(hss);
        var maa = DiameterEncoder.Encode((await hss.HandleAsync(Mar(), CancellationToken.None))!.Answer);

        foreach (var bytes in new[] { new byte[] { 1, 2, 3 }, maa })
        {
            var outcome = await function.HandleAsync(Envelope(new DiameterRequestReceived(ImsRole.Hss, Peer, bytes)), CancellationToken.None);
            Assert.IsEmpty(outcome.Commands);
            Assert.StartsWith($"nothing to answer from {Peer}", outcome.Decision);
        }
    }

    private static BusEnvelope Envelope(BusMessage message) =>
        new("evt-1", Now, "edge-1", Impi, "cx-1", message);
}
