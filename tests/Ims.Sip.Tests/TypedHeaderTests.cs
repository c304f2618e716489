using Ims.Sip.Parsing;

namespace Ims.Sip.Tests;

[TestClass]
public sealed class TypedHeaderTests
{
    private static SipMessage Parse(string text)
    {
        var result = SipMessage.Parse(ImsMessages.Bytes(text));
        Assert.IsTrue(result.IsValid, result.Reason);
        return result.Message!;
    }

    [TestMethod]
    public void ImsRegisterExposesEveryHeaderTheRegistrarReads()
    {
        var register = Parse(ImsMessages.Register);

        Assert.AreEqual("REGISTER", register.Method);
        Assert.AreEqual("ims.mnc001.mcc001.3gppnetwork.org", register.RequestUri!.Host);
        var via = register.TopVia!;
        Assert.AreEqual("UDP", via.Transport);
        Assert.AreEqual("127.0.0.1:5070", via.SentBy);
        Assert.AreEqual("z9hG4bK-524287-1", via.Branch);
        Assert.IsTrue(via.HasRport);
        Assert.IsNull(via.Rport);
        Assert.AreEqual("4fa3", register.From!.Tag);
        Assert.IsNull(register.To!.Tag);
        Assert.AreEqual("sip:alice@ims.mnc001.mcc001.3gppnetwork.org", register.To.Uri.AddressOfRecord);
        Assert.AreEqual(2, register.CSeq!.Number);
        Assert.AreEqual(70, register.MaxForwards);
        Assert.AreEqual(600, register.Expires);

        var contact = register.Contacts.Single();
        Assert.AreEqual(600, contact.Expires);
        Assert.AreEqual("urn:gsma:imei:35209900-176148-1", contact.Instance);
        Assert.AreEqual(1, contact.RegId);
        Assert.AreEqual("udp", contact.Address!.Uri.Parameters.Single().Value);

        Assert.AreEqual("sip:term@pcscf.ims.mnc001.mcc001.3gppnetwork.org:5060;lr", register.Paths.Single().Uri.Text);
        Assert.IsTrue(register.Paths.Single().Uri.IsLooseRouting);

        var authorization = register.Authorization!;
        Assert.AreEqual("Digest", authorization.Scheme);
        Assert.AreEqual("alice@ims.mnc001.mcc001.3gppnetwork.org", authorization.Username);
        Assert.AreEqual("ims.mnc001.mcc001.3gppnetwork.org", authorization.Realm);
        Assert.AreEqual("3q2+7w==", authorization.Nonce);
        Assert.AreEqual("6629fae49393a05397450978507c4ef1", authorization.Response);
        Assert.AreEqual("AKAv1-MD5", authorization.Algorithm);
        Assert.AreEqual("auth", authorization.Qop);
        Assert.AreEqual("00000001", authorization.NonceCount);
        Assert.AreEqual("0a4f113b", authorization.ClientNonce);
        Assert.AreEqual("yes", authorization.IntegrityProtected);

        Assert.HasCount(2, register.SecurityClient);
        Assert.AreEqual("ipsec-3gpp", register.SecurityClient[0].Value);
        Assert.AreEqual("hmac-sha-1-96", register.SecurityClient[0]["alg"]);
        Assert.AreEqual("5064", register.SecurityClient[1]["port-s"]);
        CollectionAssert.AreEqual(new[] { "sec-agree" }, register.Require.ToArray());
        CollectionAssert.AreEqual(new[] { "path", "gruu" }, register.Supported.ToArray());
        Assert.HasCount(7, register.Allow);
        Assert.AreEqual("visited.net", register.PVisitedNetworkId);
        Assert.AreEqual("AyretyU0dm+6O2IrT5tAFrbHLso=023551024", register.PChargingVector!.IcidValue);
        Assert.AreEqual("visited.net", register.PChargingVector.OrigIoi);
    }

    [TestMethod]
    public void ImsInviteExposesRoutesIdentitiesChargingAndBody()
    {
        var invite = Parse(ImsMessages.Invite);

        CollectionAssert.AreEqual(
            new[] { "sip:orig@scscf.ims.mnc001.mcc001.3gppnetwork.org:6060;lr", "sip:as.ims.example:7060;lr" },
            invite.Routes.Select(r => r.Uri.Text).ToArray());
        Assert.AreEqual("\"Alice\"", invite.From!.DisplayName);
        CollectionAssert.AreEqual(
            new[] { "sip:alice@ims.mnc001.mcc001.3gppnetwork.org", "tel:+15550100" },
            invite.PAssertedIdentities.Select(i => i.Uri.Text).ToArray());
        Assert.IsTrue(invite.PAssertedIdentities[1].Uri.IsTel);
        Assert.AreEqual("+15550100", invite.PAssertedIdentities[1].Uri.Host);
        Assert.AreEqual("192.0.2.10", invite.PChargingFunctionAddresses!.Parameters.Single(p => p.Name == "ccf").Value);
        Assert.AreEqual("application/sdp", invite.ContentType!.Value);
        Assert.AreEqual(ImsMessages.Sdp.Length, invite.Body.Length);
        Assert.AreEqual("TCP", invite.TopVia!.Transport);
        Assert.AreEqual(6060, invite.Routes[0].Uri.Port);
    }

    [TestMethod]
    public void UnknownHeadersAreReadByNameAndCompactFormsByKind()
    {
        var text = ImsMessages.Register.Replace("Supported: path, gruu\r\n", "k: path\r\nX-Custom: one\r\nx-custom: two\r\n", StringComparison.Ordinal);
        var message = Parse(text);

        CollectionAssert.AreEqual(new[] { "path" }, message.Supported.ToArray());
        CollectionAssert.AreEqual(new[] { "one", "two" }, message.Values("X-Custom").ToArray());
        CollectionAssert.AreEqual(new[] { "path" }, message.Values("Supported").ToArray());
        Assert.AreEqual(1, message.Count(SipHeaderKind.Supported));
    }

    [TestMethod]
    public void ContactWildcardIsRecognised()
    {
        var message = Parse(ImsMessages.Register.Replace(
            "Contact: <sip:alice@127.0.0.1:5070;transport=udp>;expires=600;+sip.instance=\"<urn:gsma:imei:35209900-176148-1>\";reg-id=1;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"",
            "Contact: *", StringComparison.Ordinal));

        Assert.IsTrue(message.Contacts.Single().IsWildcard);
    }

    [TestMethod]
    public void WwwAuthenticateChallengeWithAkaParametersParses()
    {
        var response = Parse(
            "SIP/2.0 401 Unauthorized\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n" +
            "From: <sip:alice@ims.example>;tag=1\r\nTo: <sip:alice@ims.example>;tag=2\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n" +
            "WWW-Authenticate: Digest realm=\"ims.example\", nonce=\"CjPk9mRqNuT25eRkajM09uTl9nM09uTl9nMz5OX25PZz==\", algorithm=AKAv1-MD5, qop=\"auth,auth-int\", ck=\"00112233445566778899aabbccddeeff\", ik=\"ffeeddccbbaa99887766554433221100\"\r\n" +
            "Content-Length: 0\r\n\r\n");

        var challenge = response.WwwAuthenticate!;

        Assert.AreEqual(401, response.StatusCode);
        Assert.AreEqual("REGISTER", response.Method);
        Assert.AreEqual("AKAv1-MD5", challenge.Algorithm);
        Assert.AreEqual("auth,auth-int", challenge.Qop);
        Assert.AreEqual("00112233445566778899aabbccddeeff", challenge.Ck);
        Assert.AreEqual("ffeeddccbbaa99887766554433221100", challenge.Ik);
    }
}
