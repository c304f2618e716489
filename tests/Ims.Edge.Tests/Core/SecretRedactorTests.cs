using System.Text;
using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Edge.Core;
using Ims.Events;
using Ims.Sip;

namespace Ims.Edge.Tests.Core;

/// <summary>What the event log is given: secrets replaced by "redacted", everything else byte for byte.</summary>
[TestClass]
public sealed class SecretRedactorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static BusEnvelope Envelope(BusMessage message) => new("e1", Now, "edge-1", "alice@ims.example", "c1", message);

    [TestMethod]
    public void CkAndIkOfAChallengeAndTheResponseOfAnAnswerAreRedacted()
    {
        var challenge = Encoding.ASCII.GetBytes(
            "SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\nFrom: <sip:alice@ims.example>;tag=a\r\n"
            + "To: <sip:alice@ims.example>;tag=b\r\nCall-ID: c1\r\nCSeq: 1 REGISTER\r\n"
            + "WWW-Authenticate: Digest realm=\"ims.example\", nonce=\"abc\", algorithm=AKAv1-MD5, qop=\"auth\", ck=\"00112233445566778899aabbccddeeff\", ik=\"ffeeddccbbaa99887766554433221100\"\r\n"
            + "Content-Length: 0\r\n\r\n");
        var answer = Encoding.ASCII.GetBytes(
            "REGISTER sip:ims.example SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK2\r\nMax-Forwards: 70\r\nFrom: <sip:alice@ims.example>;tag=a\r\n"
            + "To: <sip:alice@ims.example>\r\nCall-ID: c2\r\nCSeq: 2 REGISTER\r\nContact: <sip:alice@127.0.0.1:5061>\r\n"
            + "Authorization: Digest username=\"alice@ims.example\", realm=\"ims.example\", nonce=\"abc\", uri=\"sip:ims.example\", response=\"0123456789abcdef0123456789abcdef\", algorithm=AKAv1-MD5\r\n"
            + "Content-Length: 0\r\n\r\n");
        var redactor = new SecretRedactor();

        var loggedChallenge = SipMessage.Parse(((SendSipResponse)redactor.Redact(Envelope(new SendSipResponse("t1", challenge))).Message).Message).Message!;
        var loggedAnswer = SipMessage.Parse(((SipRequestReceived)redactor.Redact(Envelope(new SipRequestReceived(ImsRole.Scscf, "t2", SipTransport.Udp, "127.0.0.1:4060", "127.0.0.1:6060", answer))).Message).Message).Message!;

        Assert.AreEqual("redacted", loggedChallenge.WwwAuthenticate!.Ck);
        Assert.AreEqual("redacted", loggedChallenge.WwwAuthenticate.Ik);
        Assert.AreEqual("abc", loggedChallenge.WwwAuthenticate.Nonce, "the nonce is not a secret and stays");
        Assert.AreEqual("redacted", loggedAnswer.Authorization!.Response);
        Assert.AreEqual("alice@ims.example", loggedAnswer.Authorization.Username);
        Assert.AreEqual("c2", loggedAnswer.CallId);
    }

    [TestMethod]
    public void XresKeysAndDigestHa1InsideGroupedCxAvpsAreRedactedAndTheRestKept()
    {
        var maa = DiameterMessageBuilder.Request(DiameterCommands.MultimediaAuth, 7, 9).Build();
        var answer = DiameterMessageBuilder.Answer(maa)
            .Add(Avps.SessionId, "scscf;1")
            .AddResultCode(Ims.Diameter.Values.DiameterResultCode.Success)
            .Add(Avps.UserName, "alice@ims.example")
            .Add(Avps.SipAuthDataItem, item => item
                .Add(Avps.SipAuthenticationScheme, "Digest-AKAv1-MD5")
                .Add(Avps.SipAuthenticate, new byte[32])
                .Add(Avps.SipAuthorization, Convert.FromHexString("a54211d5e3ba50bf"))
                .Add(Avps.ConfidentialityKey, Convert.FromHexString("b40ba9a3c58b2a05bbf0d987b21bf8cb"))
                .Add(Avps.IntegrityKey, Convert.FromHexString("f769bcd751044604127672711c6d3441")))
            .Add(Avps.SipAuthDataItem, item => item
                .Add(Avps.SipAuthenticationScheme, "SIP Digest")
                .Add(Avps.SipDigestAuthenticate, digest => digest
                    .Add(Avps.DigestRealm, "ims.example")
                    .Add(Avps.DigestHa1, "939e7578ed9e3c518a452acee763bce9")))
            .Build();

        var logged = (DiameterAnswerReceived)new SecretRedactor().Redact(Envelope(new DiameterAnswerReceived(DiameterEncoder.Encode(answer), null))).Message;
        var decoded = DiameterDecoder.Decode(logged.Message!);

        Assert.IsTrue(decoded.IsSuccess, decoded.Error?.ToString());
        var items = decoded.Message.FindAll(Avps.SipAuthDataItem).ToList();
        foreach (var secret in new[] { Avps.SipAuthorization, Avps.ConfidentialityKey, Avps.IntegrityKey })
        {
            Assert.AreEqual("redacted", items[0].Find(secret.Code, secret.VendorId)!.GetString(), secret.Name);
        }

        Assert.AreEqual(32, items[0].Find(Avps.SipAuthenticate.Code, Avps.SipAuthenticate.VendorId)!.Data.Length, "RAND||AUTN is public and kept");
        var digest = items[1].Find(Avps.SipDigestAuthenticate.Code, Avps.SipDigestAuthenticate.VendorId)!;
        Assert.AreEqual("redacted", digest.Find(Avps.DigestHa1.Code, Avps.DigestHa1.VendorId)!.GetString());
        Assert.AreEqual("ims.example", digest.Find(Avps.DigestRealm.Code, Avps.DigestRealm.VendorId)!.GetString());
        Assert.AreEqual("alice@ims.example", decoded.Message.GetString(Avps.UserName));
    }

    [TestMethod]
    public void AMessageWithNoSecretIsLoggedUntouched()
    {
        var timer = Envelope(new TimerFired("t", "{}"));
        Assert.AreSame(timer, new SecretRedactor().Redact(timer));
    }
}
