using Ims.Cscf.Charging;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;

namespace Ims.Ocs.Tests;

/// <summary>CCRs as the S-CSCF builds them (the phase-2 caller's own builder), sent through encode and decode as on the wire.</summary>
internal static class Ccrs
{
    public const string Alice = "sip:alice@ims.test";

    public static RoChargingRequest For(string session, uint number, string subscriber = Alice, uint? requested = null, uint? used = null) => new()
    {
        SessionId = session,
        OriginHost = "scscf.ims.test",
        OriginRealm = "ims.test",
        DestinationRealm = "ims.test",
        RequestNumber = number,
        Subscriber = subscriber,
        CallingPartyAddress = subscriber,
        CalledPartyAddress = "sip:bob@ims.test",
        Icid = "icid-" + session,
        RequestedSeconds = requested,
        UsedSeconds = used,
    };

    public static DiameterMessage Initial(string session, string subscriber = Alice, uint? requested = null) => Wire(RoRequests.Initial(For(session, 0, subscriber, requested)));

    public static DiameterMessage Update(string session, uint number, uint used, uint? requested = null) => Wire(RoRequests.Update(For(session, number, requested: requested, used: used)));

    public static DiameterMessage Termination(string session, uint number, uint used) => Wire(RoRequests.Termination(For(session, number, used: used)));

    public static DiameterMessage Wire(DiameterMessage message)
    {
        var decoded = DiameterDecoder.Decode(DiameterEncoder.Encode(message));
        Assert.IsTrue(decoded.IsSuccess, decoded.Error?.Detail);
        return decoded.Message;
    }

    public static uint Result(DiameterMessage answer) => answer.GetUnsigned32(Avps.ResultCode) ?? throw new AssertFailedException("no Result-Code");

    public static uint? Granted(DiameterMessage answer) => RoCreditAnswer.Read(answer)!.GrantedSeconds;
}
