using Ims.Diameter.Answers;
using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Tests.Vectors;
using Ims.Diameter.Validation;
using Ims.Diameter.Values;

namespace Ims.Diameter.Tests.Answers;

/// <summary>Each decode or validation failure maps to its Result-Code and a well-formed answer (RFC 6733 7.1, 7.2, 7.5).</summary>
[TestClass]
public sealed class ErrorAnswerTests
{
    [TestMethod]
    public void ReservedAvpFlagBitGivesInvalidAvpBitsWithEBitAndFailedAvp()
    {
        var bytes = DiameterVector.Load("pyhss_cx_uar").Bytes;
        bytes[20 + 4] |= 0x01; // Session-Id flags: a reserved bit

        var error = DiameterDecoder.Decode(bytes).Error!;
        var answer = DecodeAnswer(error);

        Assert.AreEqual(DiameterErrorReason.InvalidAvpBits, error.Reason);
        AssertAnswer(answer, DiameterResultCode.InvalidAvpBits, expectErrorBit: true);
        Assert.AreEqual(263u, FailedAvpChild(answer).Code);
    }

    [TestMethod]
    public void AvpLengthPastTheMessageGivesInvalidAvpLength()
    {
        var bytes = DiameterVector.Load("pyhss_dwr").Bytes;
        bytes[20 + 7] = 0xF0; // Origin-Host length 240 > what is left

        var error = DiameterDecoder.Decode(bytes).Error!;
        var answer = DecodeAnswer(error);

        Assert.AreEqual(DiameterErrorReason.InvalidAvpLength, error.Reason);
        AssertAnswer(answer, DiameterResultCode.InvalidAvpLength, expectErrorBit: false);
        Assert.AreEqual(264u, FailedAvpChild(answer).Code);
    }

    [TestMethod]
    public void Unsigned32OfWrongSizeGivesInvalidAvpLength()
    {
        var bad = new DiameterAvp(Avps.DisconnectCause.Code, DiameterAvpFlags.Mandatory, 0, new byte[3]);
        var message = DiameterMessageBuilder.Request(DiameterCommands.DisconnectPeer, 1, 2)
            .Add(Avps.OriginHost, "a").Add(Avps.OriginRealm, "b").Add(bad).Build();

        var error = DiameterDecoder.Decode(DiameterEncoder.Encode(message)).Error!;

        Assert.AreEqual(DiameterErrorReason.InvalidAvpLength, error.Reason);
        Assert.AreEqual(DiameterResultCode.InvalidAvpLength, error.ResultCode);
        Assert.AreEqual(273u, error.FailedAvp!.Code);
    }

    [TestMethod]
    public void MissingRequiredAvpGivesMissingAvpWithAZeroedExample()
    {
        var request = DiameterMessageBuilder.Request(DiameterCommands.UserAuthorization, 5, 6)
            .Add(Avps.SessionId, "icscf;1")
            .Add(Avps.VendorSpecificApplicationId, a => a.Add(Avps.VendorId, 10415u).Add(Avps.AuthApplicationId, 16777216u))
            .Add(Avps.AuthSessionState, 1u)
            .Add(Avps.OriginHost, "icscf.ims").Add(Avps.OriginRealm, "ims").Add(Avps.DestinationRealm, "ims")
            .Add(Avps.UserName, "alice@ims").Add(Avps.PublicIdentity, "sip:alice@ims")
            .Build();

        var error = DiameterRequestValidator.Validate(Decode(request))!;
        var answer = DecodeAnswer(error);

        Assert.AreEqual(DiameterErrorReason.MissingAvp, error.Reason);
        AssertAnswer(answer, DiameterResultCode.MissingAvp, expectErrorBit: false);
        Assert.AreEqual("icscf;1", answer.SessionId);
        var failed = FailedAvpChild(answer);
        Assert.AreEqual((600u, 10415u), (failed.Code, failed.VendorId));
        Assert.AreEqual((5u, 6u), (answer.Header.HopByHopId, answer.Header.EndToEndId));
    }

    [TestMethod]
    public void UnknownMandatoryAvpGivesAvpUnsupported()
    {
        var unknown = new DiameterAvp(4242, DiameterAvpFlags.Mandatory | DiameterAvpFlags.VendorSpecific, 10415, new byte[] { 1, 2, 3 });
        var request = DiameterMessageBuilder.Request(DiameterCommands.DeviceWatchdog, 1, 2)
            .Add(Avps.OriginHost, "a").Add(Avps.OriginRealm, "b")
            .Add(Avps.ProxyInfo, p => p.Add(unknown))
            .Build();

        var error = DiameterRequestValidator.Validate(Decode(request))!;
        var answer = DecodeAnswer(error);

        Assert.AreEqual(DiameterErrorReason.AvpUnsupported, error.Reason);
        AssertAnswer(answer, DiameterResultCode.AvpUnsupported, expectErrorBit: false);
        var failed = FailedAvpChild(answer);
        Assert.AreEqual((4242u, 10415u), (failed.Code, failed.VendorId));
        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, failed.Data.ToArray());
    }

    [TestMethod]
    public void UnknownAvpWithoutMandatoryBitIsAccepted()
    {
        var request = DiameterMessageBuilder.Request(DiameterCommands.DeviceWatchdog, 1, 2)
            .Add(Avps.OriginHost, "a").Add(Avps.OriginRealm, "b")
            .Add(new DiameterAvp(4242, DiameterAvpFlags.None, 0, new byte[] { 9 }))
            .Build();

        Assert.IsNull(DiameterRequestValidator.Validate(Decode(request)));
    }

    [TestMethod]
    public void UnknownCommandGivesCommandUnsupportedWithEBit()
    {
        var request = DiameterMessageBuilder.Request(new DiameterHeader(DiameterCommandFlags.Proxiable, 999, 16777216, 1, 2)).Build();

        var answer = DecodeAnswer(DiameterRequestValidator.Validate(Decode(request))!);

        AssertAnswer(answer, DiameterResultCode.CommandUnsupported, expectErrorBit: true);
        Assert.AreEqual(999u, answer.CommandCode);
        Assert.IsTrue(answer.Header.IsProxiable);
    }

    [TestMethod]
    public void UnknownApplicationGivesApplicationUnsupportedWithEBit()
    {
        var request = DiameterMessageBuilder.Request(new DiameterHeader(DiameterCommandFlags.Proxiable, 316, 16777251, 1, 2)).Build();

        var answer = DecodeAnswer(DiameterRequestValidator.Validate(Decode(request))!);

        AssertAnswer(answer, DiameterResultCode.ApplicationUnsupported, expectErrorBit: true);
        Assert.AreEqual(16777251u, answer.ApplicationId);
    }

    [TestMethod]
    public void ErrorBitOnARequestGivesInvalidHdrBits()
    {
        var bytes = DiameterVector.Load("pyhss_dwr").Bytes;
        bytes[4] |= 0x20;

        var error = DiameterDecoder.Decode(bytes).Error!;

        Assert.AreEqual(DiameterErrorReason.InvalidHeaderBits, error.Reason);
        AssertAnswer(DecodeAnswer(error), DiameterResultCode.InvalidHdrBits, expectErrorBit: true);
    }

    [TestMethod]
    public void WrongVersionAndLengthAreReported()
    {
        var bytes = DiameterVector.Load("pyhss_dwr").Bytes;
        var version = (byte[])bytes.Clone();
        version[0] = 2;
        var length = (byte[])bytes.Clone();
        length[3] += 4;

        Assert.AreEqual(DiameterResultCode.UnsupportedVersion, DiameterDecoder.Decode(version).Error!.ResultCode);
        Assert.AreEqual(DiameterResultCode.InvalidMessageLength, DiameterDecoder.Decode(length).Error!.ResultCode);
        Assert.AreEqual(DiameterFramingStatus.Invalid, DiameterFraming.TryGetMessageLength(version, out _));
    }

    [TestMethod]
    public void AnswersAreNeverAnswered()
    {
        var bytes = DiameterVector.Load("pyhss_dwr").Bytes;
        bytes[4] = 0x00; // an answer
        bytes[20 + 4] |= 0x01;

        var error = DiameterDecoder.Decode(bytes).Error!;

        Assert.IsNull(DiameterErrorAnswer.Create(error, "me", "realm"));
    }

    private static DiameterMessage Decode(DiameterMessage message) => DiameterDecoder.Decode(DiameterEncoder.Encode(message)).Message!;

    private static DiameterMessage DecodeAnswer(DiameterDecodeError error)
    {
        var answer = DiameterErrorAnswer.Create(error, "hss.ims", "ims");
        Assert.IsNotNull(answer);
        var decoded = DiameterDecoder.Decode(DiameterEncoder.Encode(answer));
        Assert.IsTrue(decoded.IsSuccess, decoded.Error?.ToString());
        return decoded.Message;
    }

    private static void AssertAnswer(DiameterMessage answer, DiameterResultCode expected, bool expectErrorBit)
    {
        Assert.IsFalse(answer.IsRequest);
        Assert.AreEqual(expectErrorBit, answer.Header.IsError);
        Assert.AreEqual(expected.Value, answer.GetUnsigned32(Avps.ResultCode));
        Assert.AreEqual("hss.ims", answer.OriginHost);
        Assert.AreEqual("ims", answer.OriginRealm);
    }

    private static DiameterAvp FailedAvpChild(DiameterMessage answer)
    {
        var failed = answer.Find(Avps.FailedAvp);
        Assert.IsNotNull(failed);
        Assert.HasCount(1, failed.Children);
        return failed.Children[0];
    }
}
