using Ims.Diameter.Values;
using Ims.Diameter.Dictionary;
using Ims.Hss.Cx;
using Ims.Hss.Provisioning;
using static Ims.Hss.Tests.Cx.CxTestKit;

namespace Ims.Hss.Tests.Cx;

/// <summary>The Cx requests of PyHSS's tests (shared/testdata/diameter, read at test time), answered by our HSS.</summary>
[TestClass]
public sealed class PyHssDumpTests
{
    private const string PyHssImpi = "505931111111116@nickvsnetworking.com";
    private const string PyHssImpu = "sip:505931111111116@nickvsnetworking.com";

    [TestMethod]
    public async Task UarMarSarFromPyHssAreAnsweredInRegistrationOrder()
    {
        using var temp = TempStore.Create();
        var spec = new SubscriberSpec { Impi = PyHssImpi, Impus = [new ImpuSpec(PyHssImpu)], K = TestSubscribers.K, Opc = TestSubscribers.Opc };
        Assert.IsTrue((await new SubscriberProvisioning(temp.Store).AddAsync(spec, CancellationToken.None)).IsOk);
        var hss = new HomeSubscriberServer(temp.Store, Options, new CountingRandom(), Clock);

        // UAR: Visited-Network-Identifier is the subscriber's own domain; nobody serves them yet.
        var uaa = await hss.AnswerAsync(CxErrorTests.Decode("pyhss_cx_uar.hex"));
        Assert.AreEqual("e2001", ResultOf(uaa));
        Assert.AreEqual("6873733031;d01955b4ab;1;app_cx", uaa.SessionId);

        // MAR: one Digest-AKAv1-MD5 vector for the S-CSCF "PyHSS-client".
        var maa = await hss.AnswerAsync(CxErrorTests.Decode("pyhss_cx_mar.hex"));
        Assert.AreEqual("2001", ResultOf(maa));
        Assert.AreEqual(1u, maa.GetUnsigned32(Avps.SipNumberAuthItems));
        Assert.AreEqual("Digest-AKAv1-MD5", Child(maa.Find(Avps.SipAuthDataItem)!, Avps.SipAuthenticationScheme));

        // SAR REGISTRATION from sip:scscf.mnc001.mcc01.3gppnetwork.org:5060.
        var saa = await hss.AnswerAsync(CxErrorTests.Decode("pyhss_cx_sar.hex"));
        Assert.AreEqual("2001", ResultOf(saa));
        Assert.IsNotNull(saa.Find(Avps.UserData));

        var again = await hss.AnswerAsync(CxErrorTests.Decode("pyhss_cx_uar.hex"));
        Assert.AreEqual("e2002", ResultOf(again));
        Assert.AreEqual("sip:scscf.mnc001.mcc01.3gppnetwork.org:5060", again.GetString(Avps.ServerName));
    }

    [TestMethod]
    public async Task PyHssRequestsForAnUnprovisionedUserAreUserUnknown()
    {
        using var temp = TempStore.Create();
        var hss = new HomeSubscriberServer(temp.Store, Options, new CountingRandom(), Clock);

        foreach (var file in new[] { "pyhss_cx_uar.hex", "pyhss_cx_mar.hex", "pyhss_cx_sar.hex" })
        {
            Assert.AreEqual("e5001", ResultOf(await hss.AnswerAsync(CxErrorTests.Decode(file))), file);
        }
    }
}
