using System.Text;
using Ims.Sip.Building;
using Ims.Sip.Parsing;

namespace Ims.Sip.Tests;

[TestClass]
public sealed class BuildingTests
{
    private static SipMessage Parse(byte[] bytes)
    {
        var result = SipMessage.Parse(bytes);
        Assert.IsTrue(result.IsValid, result.Reason);
        return result.Message!;
    }

    [TestMethod]
    public void ProxyRewriteTouchesOnlyWhatItWasAskedTo()
    {
        var invite = Parse(ImsMessages.Bytes(ImsMessages.Invite));

        var editor = new SipMessageEditor(invite)
            .AddFirst("Via", "SIP/2.0/UDP 127.0.0.1:6060;branch=z9hG4bK-scscf-1")
            .AddFirst("Record-Route", "<sip:scscf.ims.mnc001.mcc001.3gppnetwork.org:6060;lr>")
            .DecrementMaxForwards()
            .SetRequestUri("sip:bob@127.0.0.1:5080");
        Assert.IsTrue(editor.RemoveFirstValue(SipHeaderKind.Route));
        var rewritten = Parse(editor.ToArray());

        Assert.AreEqual("sip:bob@127.0.0.1:5080", rewritten.RequestUriText);
        CollectionAssert.AreEqual(new[] { "z9hG4bK-scscf-1", "z9hG4bK-inv-1" }, rewritten.Vias.Select(v => v.Branch).ToArray());
        Assert.AreEqual("sip:as.ims.example:7060;lr", rewritten.Routes.Single().Uri.Text);
        Assert.AreEqual(69, rewritten.MaxForwards);
        Assert.AreEqual("sip:scscf.ims.mnc001.mcc001.3gppnetwork.org:6060;lr", rewritten.RecordRoutes.Single().Uri.Text);
        CollectionAssert.AreEqual(invite.Body.ToArray(), rewritten.Body.ToArray());

        // Every header the edit did not name is there byte for byte.
        var text = Encoding.UTF8.GetString(rewritten.Bytes.Span);
        foreach (var line in new[]
                 {
                     "From: \"Alice\" <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>;tag=a1\r\n",
                     "P-Asserted-Identity: <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>, <tel:+15550100>\r\n",
                     "Accept-Contact: *;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"\r\n",
                     "Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK-inv-1\r\n",
                 })
        {
            Assert.Contains(line, text);
        }
    }

    [TestMethod]
    public void AnUneditedMessageIsReEmittedIdentically()
    {
        var bytes = ImsMessages.Bytes(ImsMessages.Register);

        CollectionAssert.AreEqual(bytes, new SipMessageEditor(Parse(bytes)).ToArray());
    }

    [TestMethod]
    public void TortureMessagesWithFoldingAndCompactFormsSurviveAViaPush()
    {
        var original = Parse(TortureVectors.Bytes("sip-torture", "wsinv.dat"));

        var pushed = Parse(new SipMessageEditor(original).AddFirst("Via", "SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-p").ToArray());

        Assert.AreEqual(original.HeaderCount + 1, pushed.HeaderCount);
        Assert.AreEqual(original.CallId, pushed.CallId);
        Assert.AreEqual(original.From!.DisplayName, pushed.From!.DisplayName);
        CollectionAssert.AreEqual(original.Body.ToArray(), pushed.Body.ToArray());
    }

    [TestMethod]
    public void ReplacingTheBodyKeepsContentLengthRight()
    {
        var invite = Parse(ImsMessages.Bytes(ImsMessages.Invite));

        var rewritten = Parse(new SipMessageEditor(invite).SetBody(Encoding.ASCII.GetBytes("v=0\r\n"), "application/sdp").ToArray());

        Assert.AreEqual(5, rewritten.Body.Length);
        Assert.AreEqual("5", rewritten.First(SipHeaderKind.ContentLength));
        Assert.AreEqual(1, rewritten.Count(SipHeaderKind.ContentLength));
    }

    [TestMethod]
    public void AMessageWithoutContentLengthGetsOneForStreams()
    {
        var noLength = Parse(TortureVectors.Bytes("sip-torture", "inv2543.dat"));

        var rewritten = new SipMessageEditor(noLength).ToArray();

        var framed = SipMessage.Parse(rewritten, SipFramingMode.Stream);
        Assert.IsTrue(framed.IsValid, framed.Reason);
        Assert.AreEqual(105, framed.Message!.Body.Length);
    }

    [TestMethod]
    public void PoppingTheOnlyRouteRemovesTheHeaderAndAnAbsentOneIsReported()
    {
        var register = Parse(ImsMessages.Bytes(ImsMessages.Register));
        var editor = new SipMessageEditor(register);

        Assert.IsFalse(editor.RemoveFirstValue(SipHeaderKind.Route));
        Assert.IsTrue(editor.RemoveFirstValue(SipHeaderKind.Path));
        Assert.IsEmpty(Parse(editor.ToArray()).Paths);
    }

    [TestMethod]
    public void HeaderInjectionIsRefused()
    {
        var editor = new SipMessageEditor(Parse(ImsMessages.Bytes(ImsMessages.Register)));

        Assert.ThrowsExactly<ArgumentException>(() => editor.Add("X-Evil", "a\r\nVia: forged"));
        Assert.ThrowsExactly<ArgumentException>(() => editor.Add("Bad Name", "x"));
    }

    [TestMethod]
    public void ResponseCopiesTheTransactionHeadersAndAddsTheToTag()
    {
        var register = Parse(ImsMessages.Bytes(ImsMessages.Register));

        var response = Parse(new SipResponseBuilder(register, 401, "Unauthorized")
            .WithToTag("hss1")
            .Add("WWW-Authenticate", "Digest realm=\"ims.mnc001.mcc001.3gppnetwork.org\", nonce=\"abc\", algorithm=AKAv1-MD5, qop=\"auth\"")
            .ToArray());

        Assert.AreEqual(401, response.StatusCode);
        Assert.AreEqual("Unauthorized", response.ReasonPhrase);
        Assert.AreEqual(register.TopVia!.Branch, response.TopVia!.Branch);
        Assert.AreEqual("4fa3", response.From!.Tag);
        Assert.AreEqual("hss1", response.To!.Tag);
        Assert.AreEqual(register.CallId, response.CallId);
        Assert.AreEqual("2 REGISTER", response.CSeq!.ToString());
        Assert.AreEqual("AKAv1-MD5", response.WwwAuthenticate!.Algorithm);
        Assert.IsTrue(response.Body.IsEmpty);
    }

    [TestMethod]
    public void A100TryingGetsNoToTagAndAnExistingTagIsKept()
    {
        var invite = Parse(ImsMessages.Bytes(ImsMessages.Invite));
        var tagged = Parse(Encoding.UTF8.GetBytes(ImsMessages.Invite.Replace("To: <sip:bob@ims.mnc001.mcc001.3gppnetwork.org>", "To: <sip:bob@ims.mnc001.mcc001.3gppnetwork.org>;tag=b1", StringComparison.Ordinal)));

        Assert.IsNull(Parse(new SipResponseBuilder(invite, 100, "Trying").WithToTag("x").ToArray()).To!.Tag);
        Assert.AreEqual("b1", Parse(new SipResponseBuilder(tagged, 486, "Busy Here").WithToTag("x").ToArray()).To!.Tag);
    }

    [TestMethod]
    public void ARequestBuiltFromScratchParses()
    {
        var bytes = new SipRequestBuilder("MESSAGE", "sip:bob@ims.example")
            .Add("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-m1")
            .Add("Max-Forwards", "70")
            .Add("From", "<sip:alice@ims.example>;tag=1")
            .Add("To", "<sip:bob@ims.example>")
            .Add("Call-ID", "m1@127.0.0.1")
            .Add("CSeq", "1 MESSAGE")
            .WithBody(Encoding.UTF8.GetBytes("hello"), "text/plain")
            .ToArray();

        var message = Parse(bytes);

        Assert.AreEqual("MESSAGE", message.Method);
        Assert.AreEqual("hello", Encoding.UTF8.GetString(message.Body.Span));
        Assert.AreEqual("text/plain", message.ContentType!.Value);
    }
}
