using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Peers.Nodes;
using Ims.Diameter.Peers.Requests;
using Ims.Diameter.Values;

namespace Ims.EndToEnd.Tests.Support;

/// <summary>Cx requests as a CSCF sends them (TS 29.229 6.1), and the reading of their answers.</summary>
internal static class CxRequests
{
    private static int _session;

    public static async Task<DiameterMessage> AskAsync(DiameterNode client, CommandDefinition command, Func<DiameterMessageBuilder, DiameterMessageBuilder> avps, CancellationToken cancellationToken)
    {
        var builder = DiameterMessageBuilder.Request(command, 0, 0)
            .Add(Avps.SessionId, $"{client.Options.OriginHost};{Interlocked.Increment(ref _session)}")
            .Add(Avps.VendorSpecificApplicationId, g => g.Add(Avps.VendorId, DiameterVendorId.ThirdGeneration).Add(Avps.AuthApplicationId, DiameterApplicationId.Cx.Value))
            .Add(Avps.AuthSessionState, 1u)
            .Add(Avps.OriginHost, client.Options.OriginHost)
            .Add(Avps.OriginRealm, client.Options.OriginRealm)
            .Add(Avps.DestinationHost, CxClient.HssIdentity)
            .Add(Avps.DestinationRealm, CxClient.HomeDomain);
        var outcome = await client.SendRequestAsync(avps(builder).Build(), TimeSpan.FromSeconds(10), cancellationToken);
        Assert.AreEqual(DiameterRequestOutcomeKind.Answered, outcome.Kind, outcome.Detail);
        return outcome.Answer!;
    }

    /// <summary>A MAR for one Digest-AKAv1-MD5 vector; returns RAND||AUTN (SIP-Authenticate) and XRES.</summary>
    public static async Task<(byte[] Challenge, byte[] Xres)> OneAkaVectorAsync(DiameterNode client, string impi, string impu, string scscf, CancellationToken cancellationToken)
    {
        var maa = await AskAsync(client, DiameterCommands.MultimediaAuth, b => b
            .Add(Avps.UserName, impi).Add(Avps.PublicIdentity, impu).Add(Avps.ServerName, scscf)
            .Add(Avps.SipNumberAuthItems, 1u)
            .Add(Avps.SipAuthDataItem, g => g.Add(Avps.SipAuthenticationScheme, "Digest-AKAv1-MD5")), cancellationToken);
        Assert.AreEqual(DiameterResultCode.Success.Value, maa.GetUnsigned32(Avps.ResultCode));
        var item = maa.Find(Avps.SipAuthDataItem)!;
        return (item.Find(Avps.SipAuthenticate.Code, Avps.SipAuthenticate.VendorId)!.Data.ToArray(),
                item.Find(Avps.SipAuthorization.Code, Avps.SipAuthorization.VendorId)!.Data.ToArray());
    }

    public static uint? ExperimentalResult(DiameterMessage answer) =>
        answer.Find(Avps.ExperimentalResult) is { } group && group.Find(Avps.ExperimentalResultCode.Code) is { } code && code.TryGetUnsigned32(out var value)
            ? value
            : null;
}
