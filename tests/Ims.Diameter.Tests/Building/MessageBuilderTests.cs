using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Diameter.Tests.Building;

[TestClass]
public sealed class MessageBuilderTests
{
    private static readonly byte[] Rand = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
    private static readonly byte[] Autn = Enumerable.Range(16, 16).Select(i => (byte)i).ToArray();

    [TestMethod]
    public void MultimediaAuthAnswerWithSipAuthDataItemRoundTrips()
    {
        var mar = DiameterMessageBuilder.Request(DiameterCommands.MultimediaAuth, 0x11, 0x22)
            .Add(Avps.SessionId, "scscf.ims;1;2")
            .Add(Avps.OriginHost, "scscf.ims")
            .Build();
        var maa = DiameterMessageBuilder.Answer(mar)
            .Add(Avps.VendorSpecificApplicationId, app => app
                .Add(Avps.VendorId, DiameterVendorId.ThirdGeneration)
                .Add(Avps.AuthApplicationId, DiameterApplicationId.Cx.Value))
            .Add(Avps.AuthSessionState, 1u)
            .Add(Avps.OriginHost, "hss.ims")
            .Add(Avps.OriginRealm, "ims")
            .AddResultCode(DiameterResultCode.Success)
            .Add(Avps.UserName, "alice@ims")
            .Add(Avps.PublicIdentity, "sip:alice@ims")
            .Add(Avps.SipNumberAuthItems, 1u)
            .Add(Avps.SipAuthDataItem, item => item
                .Add(Avps.SipItemNumber, 1u)
                .Add(Avps.SipAuthenticationScheme, "Digest-AKAv1-MD5")
                .Add(Avps.SipAuthenticate, [.. Rand, .. Autn])
                .Add(Avps.SipAuthorization, new byte[8])
                .Add(Avps.ConfidentialityKey, new byte[16])
                .Add(Avps.IntegrityKey, new byte[16]))
            .Build();

        var bytes = DiameterEncoder.Encode(maa);
        var decoded = DiameterDecoder.Decode(bytes);

        Assert.IsTrue(decoded.IsSuccess, decoded.Error?.ToString());
        var header = decoded.Message.Header;
        Assert.IsFalse(header.IsRequest);
        Assert.IsTrue(header.IsProxiable);
        Assert.AreEqual(303u, header.CommandCode);
        Assert.AreEqual(DiameterApplicationId.Cx.Value, header.ApplicationId);
        Assert.AreEqual(0x11u, header.HopByHopId);
        Assert.AreEqual(0x22u, header.EndToEndId);
        Assert.AreEqual("scscf.ims;1;2", decoded.Message.SessionId);
        Assert.AreSame(decoded.Message.Avps[0], decoded.Message.Find(Avps.SessionId), "Session-Id comes first (RFC 6733 8.8)");
        Assert.AreEqual(2001u, decoded.Message.GetUnsigned32(Avps.ResultCode));
        var item = decoded.Message.Find(Avps.SipAuthDataItem)!;
        Assert.IsTrue(item.IsGrouped);
        Assert.HasCount(6, item.Children);
        Assert.AreEqual("Digest-AKAv1-MD5", item.Find(Avps.SipAuthenticationScheme.Code, DiameterVendorId.ThirdGeneration)!.GetString());
        CollectionAssert.AreEqual(Rand.Concat(Autn).ToArray(), item.Find(609, DiameterVendorId.ThirdGeneration)!.Data.ToArray());
        Assert.AreEqual(DiameterAvpFlags.VendorSpecific | DiameterAvpFlags.Mandatory, item.Flags);
        CollectionAssert.AreEqual(bytes, DiameterEncoder.Encode(decoded.Message));
    }

    [TestMethod]
    public void EveryBaseTypeRoundTrips()
    {
        var time = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var message = DiameterMessageBuilder.Request(DiameterCommands.CreditControlRo, 1, 2)
            .Add(Avps.CcInputOctets, 1UL << 40)
            .Add(Avps.Exponent, -3)
            .Add(Avps.ValueDigits, -1234567890123L)
            .Add(Avps.EventTimestamp, time)
            .Add(Avps.HostIpAddress, DiameterAddress.Ipv4(127, 0, 0, 1))
            .Add(Avps.RedirectHost, "aaa://hss.ims:3868;transport=tcp")
            .Add(Avps.FlowDescription, "permit out 17 from 10.0.0.1 50000 to 10.0.0.2 40000")
            .Add(Avps.CcRequestType, 1)
            .Build();

        var decoded = DiameterDecoder.Decode(DiameterEncoder.Encode(message)).Message!;

        Assert.IsTrue(decoded.Find(Avps.CcInputOctets)!.TryGetUnsigned64(out var octets));
        Assert.AreEqual(1UL << 40, octets);
        Assert.IsTrue(decoded.Find(Avps.Exponent)!.TryGetInteger32(out var exponent));
        Assert.AreEqual(-3, exponent);
        Assert.IsTrue(decoded.Find(Avps.ValueDigits)!.TryGetInteger64(out var digits));
        Assert.AreEqual(-1234567890123L, digits);
        Assert.IsTrue(decoded.Find(Avps.EventTimestamp)!.TryGetTime(out var decodedTime));
        Assert.AreEqual(time, decodedTime);
        Assert.IsTrue(decoded.Find(Avps.HostIpAddress)!.TryGetAddress(out var address));
        Assert.AreEqual("127.0.0.1", address.ToString());
        Assert.AreEqual("aaa://hss.ims:3868;transport=tcp", decoded.GetString(Avps.RedirectHost));
        Assert.AreEqual(1u, decoded.GetUnsigned32(Avps.CcRequestType));
    }

    [TestMethod]
    public void FloatsRoundTrip()
    {
        var f32 = new AvpDefinition("Test-Float32", 9001, 0, AvpType.Float32, DiameterAvpFlags.None, "test");
        var f64 = new AvpDefinition("Test-Float64", 9002, 0, AvpType.Float64, DiameterAvpFlags.None, "test");
        var message = DiameterMessageBuilder.Request(DiameterCommands.DeviceWatchdog, 1, 2).Add(f32, 1.5f).Add(f64, -2.25).Build();
        var dictionary = new DiameterDictionary([f32, f64], DiameterCommands.All);

        var decoded = DiameterDecoder.Decode(DiameterEncoder.Encode(message), dictionary).Message!;

        Assert.IsTrue(decoded.Find(f32)!.TryGetFloat32(out var single));
        Assert.AreEqual(1.5f, single);
        Assert.IsTrue(decoded.Find(f64)!.TryGetFloat64(out var @double));
        Assert.AreEqual(-2.25, @double);
    }

    [TestMethod]
    public void GroupedAvpsNestToSeveralLevels()
    {
        var message = DiameterMessageBuilder.Request(DiameterCommands.AaRx, 1, 2)
            .Add(Avps.MediaComponentDescription, mcd => mcd
                .Add(Avps.MediaComponentNumber, 1u)
                .Add(Avps.MediaSubComponent, sub => sub
                    .Add(Avps.FlowNumber, 1u)
                    .Add(Avps.FlowDescription, "permit out 17 from any to any"))
                .Add(Avps.MediaType, 0u))
            .Add(Avps.ServiceInformation, info => info
                .Add(Avps.ImsInformation, ims => ims
                    .Add(Avps.EventType, ev => ev.Add(Avps.SipMethod, "INVITE"))
                    .Add(Avps.NodeFunctionality, 0u)))
            .Build();

        var decoded = DiameterDecoder.Decode(DiameterEncoder.Encode(message)).Message!;

        var sub = decoded.Find(Avps.MediaComponentDescription)!.Find(519, DiameterVendorId.ThirdGeneration)!;
        Assert.AreEqual("permit out 17 from any to any", sub.Find(507, DiameterVendorId.ThirdGeneration)!.GetString());
        var method = decoded.Find(Avps.ServiceInformation)!.Find(876, 10415)!.Find(823, 10415)!.Find(824, 10415)!;
        Assert.AreEqual("INVITE", method.GetString());
    }

    [TestMethod]
    public void AnswerCopiesIdentifiersSessionAndProxyInfo()
    {
        var request = DiameterMessageBuilder.Request(DiameterCommands.UserAuthorization, 7, 8)
            .Add(Avps.SessionId, "s1")
            .Add(Avps.ProxyInfo, p => p.Add(Avps.ProxyHost, "dra.ims").Add(Avps.ProxyState, [1, 2]))
            .Build();

        var answer = DiameterMessageBuilder.Answer(request).AddResultCode(DiameterResultCode.Success).Build();

        Assert.AreEqual(DiameterCommandFlags.Proxiable, answer.Header.Flags);
        Assert.AreEqual((7u, 8u, 300u), (answer.Header.HopByHopId, answer.Header.EndToEndId, answer.CommandCode));
        Assert.AreEqual(263u, answer.Avps[0].Code);
        Assert.AreEqual(268u, answer.Avps[1].Code);
        Assert.AreEqual(284u, answer.Avps[2].Code);
    }

    [TestMethod]
    public void ExperimentalResultCarriesThe3gppVendor()
    {
        var request = DiameterMessageBuilder.Request(DiameterCommands.UserAuthorization, 1, 2).Build();
        var answer = DiameterMessageBuilder.Answer(request).AddExperimentalResult(DiameterExperimentalResultCode.FirstRegistration).Build();

        var result = answer.Find(Avps.ExperimentalResult)!;
        Assert.IsTrue(result.Find(Avps.VendorId.Code)!.TryGetUnsigned32(out var vendor));
        Assert.IsTrue(result.Find(Avps.ExperimentalResultCode.Code)!.TryGetUnsigned32(out var code));
        Assert.AreEqual((10415u, 2001u), (vendor, code));
    }

    [TestMethod]
    public void ValueOfTheWrongTypeIsAProgrammerError()
    {
        var builder = DiameterMessageBuilder.Request(DiameterCommands.DeviceWatchdog, 1, 2);

        Assert.ThrowsExactly<ArgumentException>(() => builder.Add(Avps.OriginHost, 5u));
        Assert.ThrowsExactly<ArgumentException>(() => builder.Add(Avps.ResultCode, "2001"));
        Assert.ThrowsExactly<ArgumentException>(() => builder.Add(Avps.ProxyInfo, new byte[2]));
    }

    [TestMethod]
    public void BaseCommandsAreNotProxiableAndApplicationCommandsAre()
    {
        Assert.AreEqual(DiameterCommandFlags.Request, DiameterMessageBuilder.Request(DiameterCommands.CapabilitiesExchange, 1, 2).Build().Header.Flags);
        Assert.AreEqual(DiameterCommandFlags.Request | DiameterCommandFlags.Proxiable, DiameterMessageBuilder.Request(DiameterCommands.CreditControlRo, 1, 2).Build().Header.Flags);
    }
}
